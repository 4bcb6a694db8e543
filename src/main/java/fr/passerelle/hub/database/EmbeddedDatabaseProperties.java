package fr.passerelle.hub.database;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The local run's PostgreSQL: real binaries, data kept in {@code dataDirectory} between runs.
 * A port of 0 picks a free one (tests). {@code settings}: further server settings, e.g. the benchmarks load
 * {@code shared_preload_libraries=pg_stat_statements} (docs/benchmarks.md).
 */
@ConfigurationProperties("passerelle.database.embedded")
record EmbeddedDatabaseProperties(boolean enabled, String dataDirectory, int port, boolean cleanOnStart,
                                  Map<String, String> settings) {
}
