package fr.passerelle.hub.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The local run's PostgreSQL: real binaries, data kept in {@code dataDirectory} between runs.
 * A port of 0 picks a free one (tests).
 */
@ConfigurationProperties("passerelle.database.embedded")
record EmbeddedDatabaseProperties(boolean enabled, String dataDirectory, int port, boolean cleanOnStart) {
}
