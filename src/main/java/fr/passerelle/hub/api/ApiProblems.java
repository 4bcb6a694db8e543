package fr.passerelle.hub.api;

import fr.passerelle.hub.handoff.HandoffNotReplayableException;
import fr.passerelle.hub.intake.ChannelNotAllowedException;
import fr.passerelle.hub.intake.PayloadTooLargeException;
import fr.passerelle.hub.intake.RawMessageStore;
import fr.passerelle.hub.intake.RecordRejectedException;
import fr.passerelle.hub.journey.InvalidJourneyEventException;
import fr.passerelle.hub.journey.JourneyConflictException;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.mapping.UnusablePayloadException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place API failures become answers (RFC 9457 problem+json), used by the {@code api-errors} route
 * configuration. Each failure has a code, returned to the sender and counted in metrics.
 */
@Component
public class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    private final ApiReplies replies;
    private final RawMessageStore rawMessages;
    private final MeterRegistry meters;

    public ApiProblems(ApiReplies replies, RawMessageStore rawMessages, MeterRegistry meters) {
        this.replies = replies;
        this.rawMessages = rawMessages;
        this.meters = meters;
    }

    public void answer(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Problem problem = problemFor(failure);
        UUID rawMessageId = exchange.getProperty(ApiExchange.RAW_MESSAGE_ID, UUID.class);
        String partnerId = exchange.getProperty(ApiExchange.PARTNER_ID, String.class);
        if (rawMessageId != null) {
            rawMessages.recordOutcome(rawMessageId, "REJECTED", problem.code());
        }
        meters.counter("passerelle.api.problems", "partner", partnerId == null ? "unknown" : partnerId,
                "channel", "REST", "route", String.valueOf(exchange.getFromRouteId()), "code", problem.code()).increment();
        if (problem.status() >= 500) {
            // Ids only: the exception message may quote partner data.
            log.error("Internal failure on route {} (raw message {}): {}", exchange.getFromRouteId(), rawMessageId,
                    failure == null ? "unknown" : failure.getClass().getName());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:passerelle:problem:" + problem.code().toLowerCase().replace('_', '-'));
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("code", problem.code());
        body.put("detail", problem.detail());
        if (!problem.errors().isEmpty()) {
            body.put("errors", problem.errors());
        }
        replies.reply(exchange, problem.status(), ApiReplies.PROBLEM_JSON, body);
    }

    private static Problem problemFor(Throwable failure) {
        if (failure instanceof RecordRejectedException rejected) {
            return new Problem(400, "ORIENTATION_INVALIDE", "Orientation invalide",
                    rejected.errors().size() + " erreur(s) : l'orientation n'a pas été enregistrée", rejected.errors());
        }
        if (failure instanceof UnusablePayloadException unusable) {
            return new Problem(400, unusable.code(), "Corps de requête illisible", unusable.getMessage(), List.of());
        }
        if (failure instanceof PayloadTooLargeException) {
            return new Problem(413, "TROP_VOLUMINEUX", "Corps de requête trop volumineux", failure.getMessage(), List.of());
        }
        if (failure instanceof ChannelNotAllowedException) {
            return new Problem(403, "CANAL_NON_AUTORISE", "Canal non autorisé",
                    "ce partenaire n'est pas configuré pour envoyer des orientations par ce canal", List.of());
        }
        if (failure instanceof InvalidJourneyEventException invalid) {
            return new Problem(400, "EVENEMENT_INVALIDE", "Événement de parcours invalide",
                    invalid.errors().size() + " erreur(s) : l'événement n'a pas été enregistré", invalid.errors());
        }
        if (failure instanceof JourneyConflictException conflict) {
            return new Problem(409, conflict.code(), "Événement incompatible avec le parcours", conflict.getMessage(),
                    List.of());
        }
        if (failure instanceof HandoffNotReplayableException) {
            return new Problem(409, "TRANSFERT_NON_REJOUABLE", "Transfert non rejouable", failure.getMessage(), List.of());
        }
        if (failure instanceof AccessDeniedException) {
            return new Problem(403, "ACCES_REFUSE", "Accès refusé", failure.getMessage(), List.of());
        }
        if (failure instanceof ResourceNotFoundException) {
            return new Problem(404, "INTROUVABLE", "Introuvable", "ressource introuvable", List.of());
        }
        return new Problem(500, "ERREUR_INTERNE", "Erreur interne",
                "erreur interne ; le message reçu est conservé et sera rejoué", List.of());
    }

    private record Problem(int status, String code, String title, String detail, List<FieldIssue> errors) {
    }
}
