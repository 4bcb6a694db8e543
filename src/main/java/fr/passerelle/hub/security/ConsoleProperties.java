package fr.passerelle.hub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("passerelle.console")
/** @param metricsPassword the Prometheus scraper's login ({@code metrics}): {@code /actuator/prometheus} only */
record ConsoleProperties(String operatorPassword, String adminPassword, String metricsPassword) {
}
