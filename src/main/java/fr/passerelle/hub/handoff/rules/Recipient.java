package fr.passerelle.hub.handoff.rules;

import fr.passerelle.hub.partner.Channel;

/**
 * Who a handoff is for: a person (referent) and/or a structure, and the channel that reaches them.
 *
 * @param key       stable identity of the recipient (e-mail of a person, else structure or partner id), used to
 *                  never hand the same thing twice to the same recipient
 * @param role      the role the recipient holds for the person (PRESCRIBER, SOCIAL_WORKER…, or a structure kind)
 * @param partnerId the network partner reached, null for a structure or person outside the network (e-mail)
 * @param channel   how the handoff travels; null when nothing can reach the recipient
 * @param found     how they were found, in words, for the routing decision's "why"
 */
public record Recipient(String key, String role, String name, String email, String structureId, String structureName,
                        String partnerId, Channel channel, String found) {
}
