/** The shared beneficiary record: identity, partner identifiers, barriers, consent, referents, its read API and audit. */
package fr.passerelle.hub.beneficiary;
