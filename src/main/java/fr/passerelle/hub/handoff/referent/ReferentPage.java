package fr.passerelle.hub.handoff.referent;

import java.util.List;

/**
 * What the referent page shows. {@code person} is null when the person's consent does not allow sharing; then
 * {@code reason} is the general purpose only and {@code whomToCall} says who can tell more.
 *
 * @param answer what the referent already did, in words, null while nothing was answered
 */
record ReferentPage(String reference, String sentOn, String sender, String recipient, String purpose,
                           String reason, Person person, String whomToCall, boolean canAcknowledge,
                           boolean canTakeOver, boolean canDecline, boolean askName, String answer) {

    /**
     * The minimum a referent needs to act: whom to look up and call, where they live, what the handoff is about.
     * Birth year, not birth date; commune, not address; never the NIR nor notes.
     */
    public record Person(String firstNames, String lastName, Integer birthYear, String commune, List<String> phones,
                         String barrier, String eventOn, List<String> referents) {
    }
}
