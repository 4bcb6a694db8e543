/** Referrals as received: revisions, status history, warnings, and what a partner may read of its own. */
package fr.passerelle.hub.referral;
