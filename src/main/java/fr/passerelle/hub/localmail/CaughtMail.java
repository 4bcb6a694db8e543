package fr.passerelle.hub.localmail;

import java.time.Instant;

/** An e-mail the local SMTP server caught: what an operator needs to follow the loop (the body holds no personal data). */
record CaughtMail(Instant receivedAt, String from, String to, String subject, String link) {
}
