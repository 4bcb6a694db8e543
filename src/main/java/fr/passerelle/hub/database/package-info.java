/** The embedded PostgreSQL of the local run and the tests. */
package fr.passerelle.hub.database;
