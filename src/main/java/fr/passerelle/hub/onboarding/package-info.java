/** Onboarding preview: a partner's sample file read with its mapping, every record and every error shown, nothing stored or sent. */
package fr.passerelle.hub.onboarding;
