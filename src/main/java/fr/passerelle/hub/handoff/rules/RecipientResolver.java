package fr.passerelle.hub.handoff.rules;

import java.util.List;

/**
 * What {@link RuleEvaluator} asks to turn a rule's recipient kind into the recipients of one routing; empty when
 * there is nobody of that kind. The hub answers from the record and the directory (handoff/DirectoryLookup), a test
 * from a map.
 */
@FunctionalInterface
public interface RecipientResolver {

    List<Recipient> resolve(RecipientKind kind, RoutingFacts facts);
}
