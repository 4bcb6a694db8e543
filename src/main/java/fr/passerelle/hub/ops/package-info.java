/** The operator console: its home page and the routes page (state, exchanges, failures; start and stop). */
package fr.passerelle.hub.ops;
