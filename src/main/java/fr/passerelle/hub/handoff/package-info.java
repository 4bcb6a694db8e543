/** Continuity-of-follow-up handoffs: routing rules, the outbox, delivery channels, acknowledgement, replay and watch. */
package fr.passerelle.hub.handoff;
