package fr.passerelle.hub.handoff.rules;

import java.util.List;

/** Finds the recipients of a kind for one routing; empty when there is nobody of that kind. */
@FunctionalInterface
public interface RecipientFinder {

    List<Recipient> find(RecipientKind kind, RoutingFacts facts);
}
