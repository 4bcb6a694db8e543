package fr.passerelle.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.retry.MillisPlaceholder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

/**
 * {@code routes/file-errors.yaml} as it is, in a bare Camel context: what it retries, how often, and that every
 * failure ends in the journaling bean, the exchange handled (so the file consumer archives the file).
 */
class FileErrorsRouteConfigurationTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final Journal journal = new Journal();
    private final AtomicInteger attempts = new AtomicInteger();
    private ProducerTemplate producer;

    /** Stands in for SftpPushIntake's {@code failed}: records what reached it. */
    public static class Journal {
        final List<Throwable> failures = new ArrayList<>();

        public void failed(Exchange exchange) {
            failures.add(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        }
    }

    @BeforeEach
    void start() throws Exception {
        Properties retry = new Properties();
        retry.setProperty("passerelle.sftp.retry.maximum-redeliveries", "3");
        retry.setProperty("passerelle.sftp.retry.initial-delay", "5ms");
        retry.setProperty("passerelle.sftp.retry.multiplier", "2");
        retry.setProperty("passerelle.sftp.retry.maximum-delay", "20ms");
        camel.getPropertiesComponent().setInitialProperties(retry);
        camel.getPropertiesComponent().addPropertiesFunction(new MillisPlaceholder());
        camel.getRegistry().bind("sftpPushIntake", journal);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/file-errors.yaml"));
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void retriesATransientFailureThenSucceeds() throws Exception {
        route(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new QueryTimeoutException("database slow");
            }
        });

        Exchange exchange = producer.send("direct:file", e -> { });

        assertThat(attempts).hasValue(3);
        assertThat(exchange.isFailed()).isFalse();
        assertThat(journal.failures).isEmpty();
    }

    @Test
    void journalsATransientFailureThatOutlivesItsRetries() throws Exception {
        route(() -> {
            attempts.incrementAndGet();
            throw new IOException("disk away");
        });

        Exchange exchange = producer.send("direct:file", e -> { });

        assertThat(attempts).hasValue(1 + 3);
        assertThat(exchange.isFailed()).as("handled, so the consumer archives the file").isFalse();
        assertThat(journal.failures).singleElement().isInstanceOf(IOException.class);
    }

    @Test
    void journalsAnyOtherFailureAtOnce() throws Exception {
        route(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("bug");
        });

        producer.send("direct:file", e -> { });

        assertThat(attempts).hasValue(1);
        assertThat(journal.failures).singleElement().isInstanceOf(IllegalStateException.class);
    }

    private interface Step {
        void run() throws Exception;
    }

    private void route(Step step) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:file").routeId("test-file-push").routeConfigurationId("file-errors")
                        .process(exchange -> step.run());
            }
        });
    }
}
