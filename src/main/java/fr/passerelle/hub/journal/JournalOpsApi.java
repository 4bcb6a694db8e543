package fr.passerelle.hub.journal;

import fr.passerelle.hub.api.ApiExchange;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.intake.RawMessageStore;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The operators' REST face of the journal and replays ({@code routes/api-ops-journal.yaml}, HTTP Basic): search and
 * message view for every console role, the raw payload for administrators only (SecurityConfiguration), replays and
 * jobs for operators.
 */
@Component
public class JournalOpsApi {

    private static final Logger log = LoggerFactory.getLogger(JournalOpsApi.class);

    private final Journal journal;
    private final Replays replays;
    private final ReplayJobs jobs;
    private final RawMessageStore rawMessages;
    private final ApiReplies replies;

    public JournalOpsApi(Journal journal, Replays replays, ReplayJobs jobs, RawMessageStore rawMessages,
                         ApiReplies replies) {
        this.journal = journal;
        this.replays = replays;
        this.jobs = jobs;
        this.rawMessages = rawMessages;
        this.replies = replies;
    }

    public void search(Exchange exchange) {
        JournalQuery query = JournalQuery.of(name -> exchange.getIn().getHeader(name, String.class));
        replies.reply(exchange, 200, ApiReplies.JSON, Map.of("entries", journal.search(query)));
    }

    public void message(Exchange exchange) {
        UUID id = ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "message");
        replies.reply(exchange, 200, ApiReplies.JSON,
                journal.message(id).orElseThrow(() -> new NotFoundException("message")));
    }

    /** The bytes as received, with their content type; administrators only (SPEC §6). */
    public void payload(Exchange exchange) {
        UUID id = ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "message");
        String admin = ApiExchange.authenticatedOperator(exchange);
        byte[] payload = rawMessages.payload(id).orElseThrow(() -> new NotFoundException("message"));
        log.info("Raw payload of message {} read by administrator {}", id, admin);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        // SECURITY: the partner's own content type is not echoed: bytes from outside are never served as a page.
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/octet-stream");
        exchange.getMessage().setBody(payload);
    }

    public void replayMessage(Exchange exchange) {
        UUID id = ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "message");
        if (replays.isFile(id)) {
            ReplayJobs.Job job = jobs.startFile(id, ApiExchange.authenticatedOperator(exchange));
            replies.reply(exchange, 202, ApiReplies.JSON, job);
            exchange.getMessage().setHeader("Location", "/api/v1/ops/replay-jobs/" + job.id());
            return;
        }
        Replays.Outcome outcome = replays.replayMessage(id, ApiExchange.authenticatedOperator(exchange), null);
        replies.reply(exchange, 200, ApiReplies.JSON, outcome);
    }

    /** {@code dryRun=true}: the count only; else the job, started. */
    public void startJob(Exchange exchange) {
        ReplayFilter filter = ReplayFilter.of(name -> exchange.getIn().getHeader(name, String.class));
        if ("true".equalsIgnoreCase(exchange.getIn().getHeader("dryRun", String.class))) {
            replies.reply(exchange, 200, ApiReplies.JSON, jobs.count(filter));
            return;
        }
        ReplayJobs.Job job = jobs.start(filter, ApiExchange.authenticatedOperator(exchange));
        replies.reply(exchange, 202, ApiReplies.JSON, job);
        exchange.getMessage().setHeader("Location", "/api/v1/ops/replay-jobs/" + job.id());
    }

    public void job(Exchange exchange) {
        replies.reply(exchange, 200, ApiReplies.JSON, jobs.find(jobId(exchange))
                .orElseThrow(() -> new NotFoundException("replay job")));
    }

    public void pause(Exchange exchange) {
        replies.reply(exchange, 200, ApiReplies.JSON, jobs.pause(jobId(exchange), ApiExchange.authenticatedOperator(exchange)));
    }

    public void resume(Exchange exchange) {
        replies.reply(exchange, 200, ApiReplies.JSON, jobs.resume(jobId(exchange), ApiExchange.authenticatedOperator(exchange)));
    }

    public void cancel(Exchange exchange) {
        replies.reply(exchange, 200, ApiReplies.JSON, jobs.cancel(jobId(exchange), ApiExchange.authenticatedOperator(exchange)));
    }

    private static UUID jobId(Exchange exchange) {
        return ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "replay job");
    }
}
