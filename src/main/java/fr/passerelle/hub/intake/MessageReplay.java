package fr.passerelle.hub.intake;

import fr.passerelle.hub.failure.Failure;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.partner.Channel;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A failed single-record message (REST, SOAP) run again from its stored raw payload through the same pipeline
 * ({@link SingleRecordIntake#accept}) with the route and mapping it went through the first time. The run is a new raw
 * message linked to the original ({@code replay_of}), so both runs stay in the journal with their own outcome; the
 * referral's unique key ({@code partner_id, record_key}) keeps a replay from doubling anything.
 * The channel's contract is not checked again: a message that broke it was rejected, not failed, so it passed then.
 * A file (or a pulled page) is {@link FileReplay}'s: its records are re-run, not the message as one.
 */
@Component
public class MessageReplay {

    private static final Set<String> THROUGH = Set.of(MessageOutcome.ACCEPTED.name(), MessageOutcome.UPDATED.name(),
            MessageOutcome.DUPLICATE.name());

    /** The outcome of one run: the new raw message, its outcome and, if it became a referral, which one. */
    public record Run(UUID originalId, UUID runId, MessageOutcome outcome, UUID referralId, String detail) {
    }

    private record Stored(UUID id, String partnerId, String channel, String fileName, String routeId, String mappingId,
                          String outcome) {
    }

    private final JdbcClient jdbc;
    private final RawMessageStore rawMessages;
    private final SingleRecordIntake pipeline;
    private final FileReplay files;

    public MessageReplay(JdbcClient jdbc, RawMessageStore rawMessages, SingleRecordIntake pipeline, FileReplay files) {
        this.jdbc = jdbc;
        this.rawMessages = rawMessages;
        this.pipeline = pipeline;
        this.files = files;
    }

    /** Whether the message is a file, whose replay runs in the background (it can take minutes). */
    public boolean isFile(UUID messageId) {
        return files.isFile(messageId);
    }

    /** Why this message cannot be replayed, or empty when it can. */
    public Optional<String> refusal(UUID messageId) {
        Stored message = stored(messageId);
        if (files.isFile(messageId)) {
            return files.refusal(messageId);
        }
        if (!MessageOutcome.FAILED.name().equals(message.outcome())) {
            return Optional.of("le message est " + message.outcome() + " ; seuls les messages FAILED (erreur du hub) sont rejoués");
        }
        if (message.fileName() != null || !Set.of(Channel.REST.name(), Channel.SOAP.name()).contains(message.channel())) {
            return Optional.of("seuls les messages d'une orientation (REST, SOAP) et les fichiers sont rejoués");
        }
        if (message.mappingId() == null) {
            return Optional.of("le message a échoué avant sa lecture : aucun mapping n'est connu pour le relire");
        }
        boolean through = jdbc.sql("select outcome from raw_message where replay_of = :id").param("id", messageId)
                .query(String.class).list().stream().anyMatch(THROUGH::contains);
        if (through) {
            return Optional.of("un rejeu de ce message a déjà abouti");
        }
        return Optional.empty();
    }

    /**
     * @throws NotFoundException             no such message
     * @throws MessageNotReplayableException not a failed single-record message, or already replayed successfully, or
     *                                       not a replayable file
     */
    public Run replay(UUID messageId) {
        if (files.isFile(messageId)) {
            return files.replay(messageId);
        }
        refusal(messageId).ifPresent(reason -> {
            throw new MessageNotReplayableException(reason);
        });
        Stored message = stored(messageId);
        byte[] payload = rawMessages.payload(messageId).orElseThrow();
        UUID runId = rawMessages.storeReplay(messageId);
        try {
            IntakeResult result = pipeline.accept(runId, message.partnerId(), Channel.valueOf(message.channel()),
                    message.routeId(), message.mappingId(), payload, List.of());
            MessageOutcome outcome = result.created() ? MessageOutcome.ACCEPTED
                    : result.changed() ? MessageOutcome.UPDATED : MessageOutcome.DUPLICATE;
            return new Run(messageId, runId, outcome, result.referralId(), result.referralId().toString());
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e);
            pipeline.failed(runId, failure);
            MessageOutcome outcome = failure.kind().hubAtFault() ? MessageOutcome.FAILED : MessageOutcome.REJECTED;
            return new Run(messageId, runId, outcome, null, failure.code());
        }
    }

    private Stored stored(UUID messageId) {
        return jdbc.sql("""
                        select id, partner_id, channel, file_name, route_id, mapping_id, outcome
                        from raw_message where id = :id""")
                .param("id", messageId)
                .query((rs, row) -> new Stored(rs.getObject("id", UUID.class), rs.getString("partner_id"),
                        rs.getString("channel"), rs.getString("file_name"), rs.getString("route_id"),
                        rs.getString("mapping_id"), rs.getString("outcome")))
                .optional().orElseThrow(() -> new NotFoundException("message"));
    }
}
