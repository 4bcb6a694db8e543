package fr.passerelle.hub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("passerelle.console")
record ConsoleProperties(String operatorPassword, String adminPassword, String viewerPassword) {
}
