/** What can go wrong, each failure with its code and kind, so every channel answers and counts it the same way. */
package fr.passerelle.hub.failure;
