/** Several hub instances on one PostgreSQL: file and pull consumers on the elected leader only (Camel cluster service). */
package fr.passerelle.hub.cluster;
