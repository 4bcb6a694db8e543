package fr.passerelle.hub.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** A person's handoffs and the routing decisions behind them: {@code GET /api/v1/beneficiaries/{id}/handoffs}. */
public record HandoffHistory(JsonNode json) {

    public JsonNode handoffs() {
        return json.get("handoffs");
    }

    public JsonNode decisions() {
        return json.get("decisions");
    }

    public Optional<JsonNode> byRule(String rule) {
        return find("rule", rule);
    }

    /** The handoff made by {@code rule}; the test fails if there is none. */
    public JsonNode withRule(String rule) {
        return byRule(rule).orElseThrow(() -> new AssertionError("no handoff by rule " + rule + " in " + json));
    }

    public Optional<JsonNode> byId(String handoffId) {
        return find("handoffId", handoffId);
    }

    /** The handoff {@code handoffId}; the test fails if there is none. */
    public JsonNode withId(String handoffId) {
        return byId(handoffId).orElseThrow(() -> new AssertionError("no handoff " + handoffId + " in " + json));
    }

    private Optional<JsonNode> find(String field, String value) {
        return StreamSupport.stream(handoffs().spliterator(), false)
                .filter(handoff -> handoff.get(field).asText().equals(value))
                .findFirst();
    }
}
