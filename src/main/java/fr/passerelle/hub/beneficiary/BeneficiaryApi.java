package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.failure.AccessDeniedException;
import fr.passerelle.hub.correlation.MessageKeys;
import fr.passerelle.hub.api.ApiExchange;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.partner.PartnerKind;
import fr.passerelle.hub.partner.PartnerRegistry;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/v1/beneficiaries/…} (SPEC §4.1): the shared record, for the programme team, as far as the
 * person's consent allows ({@link BeneficiaryRecords#asSeenBy}). Every read is audited with the reader's id before
 * the record leaves the hub.
 */
@Component
public class BeneficiaryApi {

    private final BeneficiaryRecords records;
    private final BeneficiaryStore beneficiaries;
    private final RecordAccessAudit audit;
    private final PartnerRegistry partners;
    private final ApiReplies replies;

    public BeneficiaryApi(BeneficiaryRecords records, BeneficiaryStore beneficiaries, RecordAccessAudit audit,
                          PartnerRegistry partners, ApiReplies replies) {
        this.records = records;
        this.beneficiaries = beneficiaries;
        this.audit = audit;
        this.partners = partners;
        this.replies = replies;
    }

    public void byId(Exchange exchange) {
        String reader = programmeTeam(exchange);
        UUID id = ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "beneficiary");
        answer(exchange, reader, id, "GET /api/v1/beneficiaries/{id}");
    }

    public void byPartnerKey(Exchange exchange) {
        String reader = programmeTeam(exchange);
        String partnerId = exchange.getIn().getHeader("partner", String.class);
        String key = exchange.getIn().getHeader("key", String.class);
        if (partnerId == null || key == null || partners.find(partnerId).isEmpty()) {
            throw new NotFoundException("beneficiary");
        }
        UUID id = beneficiaries.findByIdentifier(RecordKeys.of(partners.get(partnerId), key)).orElseThrow(() -> new NotFoundException("beneficiary"));
        answer(exchange, reader, id, "GET /api/v1/beneficiaries?partner&key");
    }

    private void answer(Exchange exchange, String reader, UUID id, String purpose) {
        BeneficiaryRecord record = records.find(id).orElseThrow(() -> new NotFoundException("beneficiary"));
        audit.recordRead(id, RecordAccessAudit.AccessorKind.PARTNER, reader, purpose);
        replies.reply(exchange, 200, ApiReplies.JSON, records.asSeenBy(record, reader));
    }

    private String programmeTeam(Exchange exchange) {
        String partnerId = ApiExchange.authenticatedPartner(exchange);
        exchange.setProperty(MessageKeys.PARTNER_ID, partnerId);
        if (partners.get(partnerId).kind() != PartnerKind.PROGRAMME) {
            throw new AccessDeniedException("the shared record is for the programme team and operators");
        }
        return ApiExchange.authenticatedReader(exchange);
    }
}
