/** The intake pipeline of every channel: raw message first, read, map, validate, accept, journal, count; files and reject reports. */
package fr.passerelle.hub.intake;
