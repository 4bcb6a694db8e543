/** Operators' alerts with a state: conditions watched on a timer, opened and resolved once, notified with a cap, acknowledged. */
package fr.passerelle.hub.alert;
