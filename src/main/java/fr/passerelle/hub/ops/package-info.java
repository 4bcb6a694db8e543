/** The operator console pages. */
package fr.passerelle.hub.ops;
