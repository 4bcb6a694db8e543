package fr.passerelle.hub.pull;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Files already taken from partners' SFTP servers, in PostgreSQL (table {@code pulled_file} of V5), so a restart
 * does not download every file the partner keeps on its server again. The SFTP routes use it non-eagerly: a file
 * is recorded only once intake has committed it, so a failure leaves it to be taken at the next poll.
 *
 * <p>The routes key a file by feed, name, size and modification time. {@link fr.passerelle.hub.intake.PayloadIntake}
 * is idempotent on name and digest as well, so the worst a lost record here can cause is one more download.
 */
@Component("pulledFiles")
class PulledFileRepository extends ServiceSupport implements IdempotentRepository {

    private final JdbcClient jdbc;

    public PulledFileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(String key) {
        return jdbc.sql("insert into pulled_file (file_key) values (:key) on conflict (file_key) do nothing")
                .param("key", key).update() == 1;
    }

    @Override
    public boolean contains(String key) {
        return jdbc.sql("select exists (select 1 from pulled_file where file_key = :key)")
                .param("key", key).query(Boolean.class).single();
    }

    @Override
    public boolean remove(String key) {
        return jdbc.sql("delete from pulled_file where file_key = :key").param("key", key).update() == 1;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    /** Never called by the routes; forgetting every pulled file is an operator's decision, made in SQL. */
    @Override
    public void clear() {
        throw new UnsupportedOperationException("pulled files are not cleared in bulk");
    }
}
