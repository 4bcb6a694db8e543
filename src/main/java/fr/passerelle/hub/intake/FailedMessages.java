package fr.passerelle.hub.intake;

import fr.passerelle.hub.correlation.MessageKeys;
import fr.passerelle.hub.failure.Failure;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The first step of every channel's error handling ({@code routes/api-errors.yaml}, {@code routes/soap-errors.yaml}):
 * a message the pipeline stopped gets its failure code next to its raw payload; then the channel answers.
 */
@Component
public class FailedMessages {

    private final SingleRecordIntake pipeline;

    public FailedMessages(SingleRecordIntake pipeline) {
        this.pipeline = pipeline;
    }

    public void journal(Exchange exchange) {
        pipeline.failed(exchange.getProperty(MessageKeys.RAW_MESSAGE_ID, UUID.class),
                Failure.of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
    }
}
