package fr.passerelle.hub.journal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param maxBatch the most items one batch replay takes; the rest wait for another job */
@ConfigurationProperties("passerelle.journal.replay")
record JournalProperties(@DefaultValue("500") int maxBatch) {
}
