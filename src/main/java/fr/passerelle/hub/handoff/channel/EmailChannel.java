package fr.passerelle.hub.handoff.channel;

import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.referent.ReferentLinks;
import fr.passerelle.hub.partner.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail delivery: a message in French saying who hands off and why in general terms, with a single-purpose link
 * to the referent page, and no personal data (SPEC §5). Delivered means the SMTP server accepted it; the
 * acknowledgement comes from the page. An unreachable server fails the attempt like any channel: retried, then
 * PARKED, never pretended sent.
 */
@Component
class EmailChannel implements HandoffChannel {


    private final ObjectProvider<JavaMailSender> mail;
    private final ReferentLinks links;
    private final HandoffEmails emails;
    private final EmailChannelProperties settings;

    EmailChannel(ObjectProvider<JavaMailSender> mail, ReferentLinks links, HandoffEmails emails,
                        EmailChannelProperties settings) {
        this.mail = mail;
        this.links = links;
        this.emails = emails;
        this.settings = settings;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void deliver(Handoff handoff) throws DeliveryException {
        if (handoff.recipientEmail() == null || handoff.recipientEmail().isBlank()) {
            throw new DeliveryException("SANS_COURRIEL", "no e-mail address for the recipient");
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new DeliveryException("SMTP_NON_CONFIGURE", "spring.mail.host is not set");
        }
        HandoffEmails.Email email = emails.compose(handoff, links.issue(handoff));
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(handoff.recipientEmail());
            helper.setSubject(email.subject());
            helper.setText(email.body(), false);
            // The stable handoff id, for a recipient's mail system to recognise a re-delivery.
            message.setHeader(HANDOFF_ID_HEADER, handoff.id().toString());
            sender.send(message);
        } catch (MessagingException e) {
            throw new DeliveryException("COURRIEL_INVALIDE", e.getClass().getSimpleName(), e);
        } catch (MailAuthenticationException e) {
            throw new DeliveryException("SMTP_AUTHENTIFICATION", "SMTP authentication refused", e);
        } catch (MailException e) {
            throw failure(e);
        }
    }

    /** SECURITY: the detail names the failure's kind only; SMTP replies may quote the recipient's address. */
    private static DeliveryException failure(MailException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return new DeliveryException("SMTP_CONNEXION_REFUSEE", "SMTP server unreachable", e);
            }
            if (cause instanceof SocketTimeoutException) {
                return new DeliveryException("DELAI_DEPASSE", "SMTP server did not answer in time", e);
            }
            if (cause instanceof UnknownHostException) {
                return new DeliveryException("SMTP_HOTE_INCONNU", "SMTP host unknown", e);
            }
            if (cause instanceof SendFailedException) {
                return new DeliveryException("SMTP_DESTINATAIRE_REFUSE", "SMTP server refused the recipient", e);
            }
        }
        return new DeliveryException("SMTP_ERREUR", e.getClass().getSimpleName(), e);
    }
}
