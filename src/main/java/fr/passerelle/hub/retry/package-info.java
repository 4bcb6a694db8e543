/**
 * The one shape of every retry setting of the hub (files, pulled feeds, handoffs), and the {@code {{millis:…}}}
 * placeholder through which Camel routes read durations; depends on nothing of the hub.
 */
package fr.passerelle.hub.retry;
