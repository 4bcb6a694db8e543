package fr.passerelle.hub.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Who processes an inbound file, when several hub instances share one PostgreSQL (docs/decisions/0005). A file is
 * processed under a PostgreSQL session-level advisory lock, taken without waiting ({@code pg_try_advisory_lock}) on a
 * connection held for the whole file: another instance — or the start-up resume of this one — finds it taken and
 * leaves the file alone, like {@code for update skip locked}. The lock is the database session's: when the instance
 * that holds it dies, PostgreSQL ends its session and the lock goes with it, so the file can be resumed at once by
 * whoever looks next, with no lease to wait out.
 */
@Component
class FileClaims {

    private static final Logger log = LoggerFactory.getLogger(FileClaims.class);
    /** First key of the two-key advisory lock: inbound files, apart from identity's decision locks (one-key). */
    private static final int INBOUND_FILES = 0x1f11e5;

    private final DataSource dataSource;

    FileClaims(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A claim on one file; closing it releases the lock and its connection. */
    interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    /** The claim of the file, or empty when another session holds it. */
    Optional<Claim> tryClaim(UUID fileId) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            int key = fileId.hashCode();
            if (!lock(connection, "select pg_try_advisory_lock(?, ?)", key)) {
                connection.close();
                return Optional.empty();
            }
            Connection held = connection;
            return Optional.of(() -> release(held, key, fileId));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataAccessResourceFailureException("cannot claim inbound file " + fileId, e);
        }
    }

    private static boolean lock(Connection connection, String sql, int key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, INBOUND_FILES);
            statement.setInt(2, key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static void release(Connection connection, int key, UUID fileId) {
        try {
            lock(connection, "select pg_advisory_unlock(?, ?)", key);
        } catch (SQLException e) {
            // The session ends with the connection's eviction below or the database's restart: the lock goes with it.
            log.warn("Claim of inbound file {} not released explicitly: {}", fileId, e.getClass().getName());
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
