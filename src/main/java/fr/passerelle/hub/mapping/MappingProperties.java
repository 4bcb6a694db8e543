package fr.passerelle.hub.mapping;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where mapping files are read from: {@code file:mappings} in the project, {@code classpath:mappings} in the jar. */
@ConfigurationProperties("passerelle.mappings")
record MappingProperties(String location) {
}
