/** Which beneficiary a referral is about: deterministic rules, scoring, review queue, merge and unmerge. */
package fr.passerelle.hub.identity;
