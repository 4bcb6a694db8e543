/** What every route and request knows of the message it carries: exchange property names and the ids in the logs. */
package fr.passerelle.hub.correlation;
