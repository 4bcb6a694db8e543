/** The person's rights (SPEC §7): retention of inactive people, export and erasure on request, each module's part orchestrated from here. */
package fr.passerelle.hub.privacy;
