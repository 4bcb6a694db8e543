package fr.passerelle.hub.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.beneficiary.BeneficiaryPrivacy;
import fr.passerelle.hub.beneficiary.RecordAccessAudit;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.handoff.HandoffPrivacy;
import fr.passerelle.hub.identity.IdentityPrivacy;
import fr.passerelle.hub.journey.JourneyPrivacy;
import fr.passerelle.hub.referral.ReferralPrivacy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SPEC §7: a person's export and erasure on request, and the anonymisation of people inactive for
 * {@code passerelle.privacy.retention.inactive-months}. Each module exports and anonymises its own tables
 * ({@code *Privacy}); this module only orchestrates them, in one transaction per person, and writes the
 * {@code privacy_request} trail (who, when, why, what). Erasure is anonymisation: the rows stay without anything that
 * identifies the person, so the network's statistics stay whole.
 */
@Component
class PersonalData {

    private static final Logger log = LoggerFactory.getLogger(PersonalData.class);

    private final BeneficiaryPrivacy beneficiaries;
    private final ReferralPrivacy referrals;
    private final IdentityPrivacy identity;
    private final JourneyPrivacy journey;
    private final HandoffPrivacy handoffs;
    private final RecordAccessAudit audit;
    private final PrivacyProperties properties;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PersonalData(BeneficiaryPrivacy beneficiaries, ReferralPrivacy referrals, IdentityPrivacy identity,
                 JourneyPrivacy journey, HandoffPrivacy handoffs, RecordAccessAudit audit, PrivacyProperties properties,
                 JdbcClient jdbc, ObjectMapper json, TransactionTemplate transactions, Clock clock) {
        this.beneficiaries = beneficiaries;
        this.referrals = referrals;
        this.identity = identity;
        this.journey = journey;
        this.handoffs = handoffs;
        this.audit = audit;
        this.properties = properties;
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Everything the hub holds about the person, with its provenance; the export is audited as a read. */
    Map<String, Object> export(UUID beneficiaryId, String admin, String reason) {
        return transactions.execute(status -> {
            requireExists(beneficiaryId);
            List<UUID> rows = beneficiaries.rowsOf(beneficiaryId);
            Map<String, Object> export = new LinkedHashMap<>();
            export.put("beneficiaryId", beneficiaryId);
            export.put("exportedAt", clock.instant());
            export.put("exportedBy", admin);
            export.put("mergedRecords", rows.subList(1, rows.size()));
            export.putAll(beneficiaries.export(beneficiaryId));
            export.put("referrals", referrals.export(rows));
            export.put("journey", journey.export(rows));
            export.putAll(handoffs.export(rows));
            export.put("identity", identity.export(rows));
            export.put("privacyRequests", jdbc.sql("""
                            select kind, requested_by as "requestedBy", reason, at from privacy_request
                            where beneficiary_id = :b order by at""").param("b", beneficiaryId).query().listOfRows());
            audit.recordRead(beneficiaryId, RecordAccessAudit.AccessorKind.OPERATOR, admin, "export RGPD : " + reason);
            UUID request = trail("EXPORT", beneficiaryId, admin, reason, Map.of("referrals",
                    ((List<?>) export.get("referrals")).size()));
            export.put("requestId", request);
            return export;
        });
    }

    /** Erasure on request: the person anonymised at once in every module, the request kept. */
    Map<String, Object> erase(UUID beneficiaryId, String admin, String reason) {
        return transactions.execute(status -> {
            requireExists(beneficiaryId);
            Map<String, Object> report = anonymise(beneficiaryId);
            report.put("requestId", trail("ERASURE", beneficiaryId, admin, reason, report));
            log.info("Beneficiary {} erased on request {} by an administrator", beneficiaryId, report.get("requestId"));
            return report;
        });
    }

    /**
     * People with no change, journey event or handoff for the configured months. A dry run counts them and
     * changes nothing; a run anonymises each in its own transaction. Either way the report is kept.
     */
    Map<String, Object> retention(boolean dryRun, String admin) {
        int months = properties.retention().inactiveMonths();
        Instant cutoff = clock.instant().atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
        Set<UUID> active = new HashSet<>(journey.activeSince(cutoff));
        active.addAll(handoffs.activeSince(cutoff));
        List<UUID> inactive = beneficiaries.unchangedSince(cutoff).stream().filter(id -> !active.contains(id)).toList();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dryRun", dryRun);
        report.put("inactiveMonths", months);
        report.put("inactiveSince", cutoff);
        report.put("people", inactive.size());
        if (!dryRun) {
            int referralsAnonymised = 0;
            for (UUID id : inactive) {
                Map<String, Object> one = transactions.execute(status -> anonymise(id));
                referralsAnonymised += (Integer) one.get("referrals");
            }
            report.put("anonymised", inactive.size());
            report.put("referrals", referralsAnonymised);
        }
        report.put("requestId", transactions.execute(status -> trail(dryRun ? "RETENTION_DRY_RUN" : "RETENTION_RUN",
                null, admin, "rétention : " + months + " mois d'inactivité", report)));
        log.info("Retention {}: {} people inactive since {}", dryRun ? "dry run" : "run", inactive.size(), cutoff);
        return report;
    }

    /** Statistics anonymisation keeps whole: referrals by partner and month, outcomes by month. */
    Map<String, Object> statistics() {
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("referralsByPartnerAndMonth", referrals.receivedByPartnerAndMonth());
        statistics.put("completionsByOutcomeAndMonth", journey.completedByOutcomeAndMonth());
        return statistics;
    }

    private Map<String, Object> anonymise(UUID beneficiaryId) {
        List<UUID> rows = beneficiaries.rowsOf(beneficiaryId);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("beneficiaryId", beneficiaryId);
        report.put("records", rows.size());
        report.put("referrals", referrals.anonymise(rows));
        report.put("journeyEvents", journey.anonymise(rows));
        report.put("handoffs", handoffs.anonymise(rows));
        identity.anonymise(rows);
        rows.forEach(beneficiaries::anonymise);
        return report;
    }

    private void requireExists(UUID beneficiaryId) {
        if (!beneficiaries.exists(beneficiaryId)) {
            throw new NotFoundException("beneficiary");
        }
    }

    private UUID trail(String kind, UUID beneficiaryId, String admin, String reason, Map<String, Object> report) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            insert into privacy_request (id, kind, beneficiary_id, requested_by, reason, report)
                            values (:id, :kind, :b, :by, :reason, cast(:report as jsonb))
                            """)
                    .param("id", id).param("kind", kind).param("b", beneficiaryId).param("by", admin)
                    .param("reason", reason).param("report", json.writeValueAsString(report)).update();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("privacy report not serializable", e);
        }
        return id;
    }
}
