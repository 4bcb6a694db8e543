package fr.passerelle.hub.handoff;

import fr.passerelle.hub.handoff.rules.Recipient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A handoff to write ({@link HandoffOutbox#add}), whoever decided it: a routing rule, a reminder, an escalation, a
 * declined handoff handed on. The outbox gives it its id and builds its payload ({@link HandoffPayload}).
 *
 * @param beneficiaryId null when the trigger has no person (a rejected file row)
 * @param source        where the triggering fact is; with the rule and the recipient it makes the handoff unique
 * @param explanation   why, in words; the routing decision's too
 * @param beneficiary   the payload's person ({@link HandoffPayload#person}, {@link HandoffPayload#idsOnly}), null
 *                      for none
 * @param details       what the trigger adds to the payload, in order: {@code referral}, {@code event},
 *                      {@code declined}, {@code unacknowledged}, {@code reminderOf}…
 */
public record NewHandoff(UUID beneficiaryId, String trigger, HandoffOutbox.Source source, String ruleId, String reason,
                         String explanation, Recipient recipient, Map<String, Object> beneficiary,
                         Map<String, Object> details) {

    public NewHandoff {
        // Ordered and null-tolerant: the payload keeps the order it is given, and JSON has nulls.
        beneficiary = beneficiary == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(beneficiary));
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
