package fr.passerelle.hub.sftp;

import fr.passerelle.hub.security.Digests;
import fr.passerelle.hub.intake.MessageOutcome;
import fr.passerelle.hub.intake.ChannelNotAllowedException;
import fr.passerelle.hub.intake.InboundFileStore;
import fr.passerelle.hub.intake.RawMessage;
import fr.passerelle.hub.intake.RawMessageStore;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.partner.PartnerFolders;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pushed files the hub did not process, for a reason that is not in their content: too large, a format (or, between
 * two dialects of one format, a name) no route of the partner takes, a failure of the hub itself. Each one is journaled (counted, logged by id, stored as a raw
 * message when the hub has its content) and the partner finds a note in its outbox, in the shape of a reject report
 * ({@code ligne;motif}, French), so it learns about it where it learns about rejected rows.
 */
@Component
class FileRefusals {

    private static final Logger log = LoggerFactory.getLogger(FileRefusals.class);

    private final PartnerFolders folders;
    private final RawMessageStore rawMessages;
    private final InboundFileStore inboundFiles;
    private final MeterRegistry meters;

    public FileRefusals(PartnerFolders folders, RawMessageStore rawMessages, InboundFileStore inboundFiles,
                        MeterRegistry meters) {
        this.folders = folders;
        this.rawMessages = rawMessages;
        this.inboundFiles = inboundFiles;
        this.meters = meters;
    }

    public void tooLarge(String partnerId, String fileName, long maxBytes) {
        count(partnerId, "sftp-inbox", "TROP_VOLUMINEUX");
        log.warn("File {} of partner {} refused: larger than {} bytes; deleted, not processed", fileName, partnerId,
                maxBytes);
        note(partnerId, fileName, "fichier rejeté : sa taille dépasse la limite de " + megabytes(maxBytes)
                + " ; il a été supprimé sans être traité");
    }

    /**
     * No file-push route of the partner takes this file: its format is not one the partner sends, or the partner has
     * two dialects of that format and the name belongs to neither.
     */
    void notTaken(String partnerId, String fileName, Path archived, List<SftpPushRoutes.PushRoute> partnerRoutes) {
        List<SftpPushRoutes.PushRoute> sameFormat = partnerRoutes.stream()
                .filter(route -> route.hasFormatOf(fileName)).toList();
        String code = sameFormat.isEmpty() ? "FORMAT_INATTENDU" : "NOM_INATTENDU";
        count(partnerId, "sftp-inbox", code);
        journal(partnerId, fileName, archived, MessageOutcome.REJECTED, code);
        log.warn("File {} of partner {} refused: no file-push route takes it ({})", fileName, partnerId, code);
        String motif;
        if (partnerRoutes.isEmpty()) {
            motif = "fichier rejeté : aucun dépôt de fichier n'est prévu pour ce partenaire";
        } else if (sameFormat.isEmpty()) {
            motif = "fichier rejeté : format de fichier inattendu ; formats acceptés : " + partnerRoutes.stream()
                    .map(route -> "." + route.format()).distinct().collect(Collectors.joining(" ou "));
        } else {
            motif = "fichier rejeté : nom de fichier inattendu ; noms acceptés pour ce format "
                    + "(expressions régulières) : "
                    + sameFormat.stream().map(route -> route.fileNames().pattern()).collect(Collectors.joining(" ou "));
        }
        note(partnerId, fileName, motif);
    }

    /** A pushed file the hub failed to process (after retries for what is transient); it went to the error archive. */
    public void failed(String partnerId, String routeId, String fileName, Path file, Throwable failure) {
        boolean refused = failure instanceof ChannelNotAllowedException;
        String code = refused ? "CANAL_NON_AUTORISE" : "ERREUR_INTERNE";
        count(partnerId, routeId, code);
        // Ids only: an exception message may quote partner data.
        log.error("File {} of partner {} not processed by route {}: {}", fileName, partnerId, routeId, causes(failure));
        journal(partnerId, fileName, file, MessageOutcome.FAILED, code);
        note(partnerId, fileName, refused
                ? "fichier rejeté : ce partenaire n'est pas configuré pour déposer des orientations par SFTP"
                : "fichier non traité : erreur interne du hub ; il est conservé et sera traité à nouveau par un opérateur");
    }

    /** Report name of a note: the same as a reject report's, so a partner looks in one place. */
    static String noteName(String fileName) {
        String safe = PartnerFolders.safeFileName(fileName);
        int dot = safe.lastIndexOf('.');
        return (dot > 0 ? safe.substring(0, dot) : safe) + ".rejets.csv";
    }

    private void note(String partnerId, String fileName, String motif) {
        String text = "\uFEFFligne;motif\r\n;" + motif.replace(';', ',') + "\r\n";
        try {
            folders.writeToOutbox(partnerId, noteName(fileName), text.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.error("Cannot write the refusal note of {} to the outbox of partner {}: {}", fileName, partnerId,
                    e.getClass().getName());
        }
    }

    /** Best effort: when the database is what failed, the log line and the archived file are the journal. */
    private void journal(String partnerId, String fileName, Path file, MessageOutcome outcome, String code) {
        try {
            if (file == null || !Files.isRegularFile(file)) {
                return;
            }
            byte[] content = Files.readAllBytes(file);
            Optional<InboundFileStore.InboundFile> registered = inboundFiles.find(partnerId, fileName,
                    Digests.sha256(content));
            if (registered.isPresent()) {
                rawMessages.recordOutcome(registered.get().rawMessageId(), outcome, code);
                return;
            }
            RawMessage raw = rawMessages.store(partnerId, Channel.SFTP_PUSH.name(), fileName, null, content);
            rawMessages.recordOutcome(raw.id(), outcome, code);
        } catch (IOException | RuntimeException e) {
            log.error("Cannot journal file {} of partner {}: {}", fileName, partnerId, e.getClass().getName());
        }
    }

    /** The classes of a failure and its causes, outermost first: enough to diagnose, no partner data. */
    static String causes(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        StringBuilder chain = new StringBuilder(failure.getClass().getName());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getName());
        }
        return chain.toString();
    }

    private void count(String partnerId, String routeId, String code) {
        meters.counter("passerelle.intake.files.refused", "partner", partnerId, "channel", Channel.SFTP_PUSH.name(),
                "route", String.valueOf(routeId), "code", code).increment();
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " Mo" : bytes + " octets";
    }
}
