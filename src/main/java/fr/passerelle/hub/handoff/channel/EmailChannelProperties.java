package fr.passerelle.hub.handoff.channel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code passerelle.handoffs.email}: the e-mail channel. The SMTP server itself is {@code spring.mail.*}
 * ({@code PASSERELLE_SMTP_*}); the links it sends are {@code passerelle.handoffs.referent-page.*}.
 *
 * @param from sender address of handoff e-mails
 */
@ConfigurationProperties("passerelle.handoffs.email")
record EmailChannelProperties(String from) {

    public EmailChannelProperties {
        from = from == null || from.isBlank() ? "passerelle@localhost" : from;
    }
}
