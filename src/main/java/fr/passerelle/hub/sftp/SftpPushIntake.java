package fr.passerelle.hub.sftp;

import fr.passerelle.hub.correlation.Correlation;
import fr.passerelle.hub.correlation.MessageKeys;
import fr.passerelle.hub.intake.MessageOutcome;
import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.partner.PartnerFolders;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Camel-facing adapter of the file-push routes: hands a file of the ready area to {@link PayloadIntake} and tells the
 * route where to archive it.
 *
 * <p>The file is archived by the route's file consumer ({@code move=${exchangeProperty.archiveTo}}), not here: the
 * consumer moves it only once the exchange has completed, so a hub stopping before that leaves the file in the ready
 * area, where it is consumed again on restart and recognised by its name and digest. Archived before the end, it
 * could be lost with the work in progress.
 */
@Component
public class SftpPushIntake {

    /** Exchange property read by the route's {@code move} option: where the file is archived. */
    public static final String ARCHIVE_TO = "archiveTo";

    private static final Logger log = LoggerFactory.getLogger(SftpPushIntake.class);

    private final PayloadIntake intake;
    private final PartnerFolders folders;
    private final FileRefusals refusals;

    public SftpPushIntake(PayloadIntake intake, PartnerFolders folders,
                          FileRefusals refusals) {
        this.intake = intake;
        this.folders = folders;
        this.refusals = refusals;
    }

    public void receive(Exchange exchange) {
        String partnerId = partnerId(exchange);
        String fileName = exchange.getIn().getHeader(FileConstants.FILE_NAME_ONLY, String.class);
        String routeId = exchange.getFromRouteId();
        try (var ignored = Correlation.of(exchange.getExchangeId(), partnerId)) {
            byte[] content = exchange.getIn().getBody(byte[].class);
            PayloadOutcome outcome = intake.receive(new IntakeSource(partnerId, Channel.SFTP_PUSH.name(), routeId,
                    exchange.getProperty(MessageKeys.MAPPING, String.class)), fileName, content);
            boolean done = outcome.status() != MessageOutcome.REJECTED;
            exchange.setProperty(ARCHIVE_TO, archive(partnerId, done, fileName));
            log.info("File {} {} (inbound file {}): {} records, {} accepted, {} rejected", fileName, outcome.status(),
                    outcome.inboundFileId(), outcome.total(), outcome.accepted(), outcome.rejected());
        }
    }

    /** The {@code file-errors} route configuration's last word: the file goes to the error archive, journaled. */
    public void failed(Exchange exchange) {
        String partnerId = partnerId(exchange);
        String fileName = exchange.getIn().getHeader(FileConstants.FILE_NAME_ONLY, String.class);
        String absolutePath = exchange.getIn().getHeader(FileConstants.FILE_PATH, String.class);
        try (var ignored = Correlation.of(exchange.getExchangeId(), partnerId)) {
            exchange.setProperty(ARCHIVE_TO, archive(partnerId, false, fileName));
            refusals.failed(partnerId, exchange.getFromRouteId(), fileName,
                    absolutePath == null ? null : Path.of(absolutePath),
                    exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        }
    }

    private String archive(String partnerId, boolean done, String fileName) {
        return folders.archive(partnerId, done).resolve(ArchiveNames.of(PartnerFolders.safeFileName(fileName)))
                .toString();
    }

    private static String partnerId(Exchange exchange) {
        // Set first thing by the sftp-push route template, before anything that can fail.
        return exchange.getProperty(MessageKeys.PARTNER_ID, String.class);
    }
}
