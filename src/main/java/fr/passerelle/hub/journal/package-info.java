/** The message journal: every inbound message and handoff searchable by its business keys, one message end to end, replays (one or a batch job) and the console pages for them. */
package fr.passerelle.hub.journal;
