package fr.passerelle.hub.pull;

import fr.passerelle.hub.correlation.MessageKeys;
import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.partner.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A file taken from a partner's SFTP server (route template {@code routes/templates/sftp-pull.yaml}), handed to
 * {@link PayloadIntake} like any partner file: stored first, each record on its own, a reject report in the
 * partner's outbox. The route sets the partner and the mapping.
 */
@Component
public class PulledFileIntake {

    private static final Logger log = LoggerFactory.getLogger(PulledFileIntake.class);

    private final PayloadIntake intake;
    private final PullProperties properties;
    private final MeterRegistry meters;

    public PulledFileIntake(PayloadIntake intake, PullProperties properties,
                            MeterRegistry meters) {
        this.intake = intake;
        this.properties = properties;
        this.meters = meters;
    }

    public PayloadOutcome receive(Exchange exchange) {
        String partnerId = exchange.getProperty(MessageKeys.PARTNER_ID, String.class);
        String mappingId = exchange.getProperty(MessageKeys.MAPPING, String.class);
        String fileName = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        intake.admit(partnerId, Channel.SFTP_PULL);
        Long length = exchange.getIn().getHeader(Exchange.FILE_LENGTH, Long.class);
        long limit = properties.maxFileSize().toBytes();
        if (length != null && length > limit) {
            throw new PullRejectedException("FICHIER_TROP_VOLUMINEUX", "fichier de " + length + " octets, au plus "
                    + limit + " acceptés");
        }
        byte[] content = exchange.getIn().getBody(byte[].class);
        if (content.length > limit) {
            throw new PullRejectedException("FICHIER_TROP_VOLUMINEUX", "fichier de " + content.length
                    + " octets, au plus " + limit + " acceptés");
        }
        String routeId = exchange.getFromRouteId();
        PayloadOutcome outcome = intake.receive(new IntakeSource(partnerId, Channel.SFTP_PULL.name(), routeId,
                mappingId), fileName, content);
        meters.counter("passerelle.pull.files", "partner", partnerId, "channel", Channel.SFTP_PULL.name(),
                "route", String.valueOf(routeId), "outcome", outcome.status().name()).increment();
        log.info("Pulled file taken in as inbound file {}: {} ({} accepted, {} rejected)", outcome.inboundFileId(),
                outcome.status(), outcome.accepted(), outcome.rejected());
        return outcome;
    }
}
