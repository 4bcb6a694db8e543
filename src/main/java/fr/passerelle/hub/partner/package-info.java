/** The partner registry (from configuration) and each partner's file areas. */
package fr.passerelle.hub.partner;
