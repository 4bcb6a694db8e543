package fr.passerelle.hub.handoff.referent;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The referent page's own e-mails: a take-over's confirmation, sent to the address typed on the page, and a fresh
 * link, sent to the address on file. SECURITY: like a handoff e-mail they carry no personal data of the person: the
 * handoff's reference, the link, its expiry.
 */
@Component
class ReferentMails {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;

    ReferentMails(ObjectProvider<JavaMailSender> mail,
                  @Value("${passerelle.handoffs.email.from:passerelle@localhost}") String from) {
        this.mail = mail;
        this.from = from;
    }

    void sendConfirmation(String to, String reference, String url, Instant expiresAt) {
        send(to, "Passerelle — confirmez la prise de relais " + reference, """
                Bonjour,

                Quelqu'un a indiqué sur Passerelle que vous prenez le relais de l'accompagnement demandé par la \
                demande %s.

                Si c'est bien vous, confirmez-le en ouvrant ce lien (valable jusqu'au %s) :
                %s

                Si vous n'êtes pas concerné(e), ignorez ce message : rien ne change sans votre confirmation.

                Passerelle
                """.formatted(reference, when(expiresAt), url));
    }

    void sendNewLink(String to, String reference, String url, Instant expiresAt) {
        send(to, "Passerelle — nouveau lien pour la demande de relais " + reference, """
                Bonjour,

                Vous avez demandé un nouveau lien pour la demande de relais %s, le précédent ayant expiré.

                Le voici (valable jusqu'au %s) :
                %s

                Ce lien vous est personnel : ne le transférez pas. Si vous n'avez rien demandé, ignorez ce message.

                Passerelle
                """.formatted(reference, when(expiresAt), url));
    }

    private static String when(Instant instant) {
        return WHEN.format(instant.atZone(ZoneId.of("Europe/Paris")));
    }

    private void send(String to, String subject, String body) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new ReferentActionException(503, "L'envoi d'e-mails n'est pas configuré pour le moment. "
                    + "Appelez l'équipe du programme.");
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(body, false);
            sender.send(message);
        } catch (MessagingException | MailException e) {
            // SECURITY: the cause is not logged nor shown: SMTP replies may quote the address.
            throw new ReferentActionException(502, "Le message n'a pas pu être envoyé. Réessayez plus tard.");
        }
    }
}
