/** The HTTP face every module's API shares: who is calling, bounded bodies, JSON replies, problem+json from a failure. */
package fr.passerelle.hub.api;
