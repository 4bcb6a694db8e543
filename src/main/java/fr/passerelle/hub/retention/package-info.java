/** Retention of operational data: the tiers in configuration, pruned on a timer by each table's and folder's owner. */
package fr.passerelle.hub.retention;
