package fr.passerelle.hub.directory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param structures the structures CSV imported at start-up ({@code classpath:} or {@code file:})
 */
@ConfigurationProperties("passerelle.handoffs.directory")
record DirectoryProperties(String structures) {

    public DirectoryProperties {
        structures = structures == null ? "classpath:directory/structures-essonne.csv" : structures;
    }
}
