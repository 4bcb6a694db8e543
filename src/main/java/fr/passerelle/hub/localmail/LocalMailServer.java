package fr.passerelle.hub.localmail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.stereotype.Component;

/**
 * An in-process SMTP server (GreenMail) on the host and port {@code spring.mail} points at, started with the local
 * run ({@code passerelle.local-mail.enabled}, off in the prod and test profiles). E-mail handoffs are then really
 * delivered over SMTP, and the console lists what was caught ({@code /console/mail}). It started before anything
 * sends: the bean is created with the context, the dispatcher's timer only starts with Camel.
 */
@Component
@ConditionalOnProperty(name = "passerelle.local-mail.enabled", havingValue = "true")
class LocalMailServer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalMailServer.class);
    private static final Pattern LINK = Pattern.compile("https?://\\S+/referent/handoffs/\\S+");

    private final GreenMail server;

    LocalMailServer(MailProperties mail) {
        server = new GreenMail(new ServerSetup(mail.getPort(), mail.getHost(), ServerSetup.PROTOCOL_SMTP));
        server.start();
        log.info("Local SMTP server listening on {}:{}; caught e-mails at /console/mail", mail.getHost(),
                mail.getPort());
    }

    /** Caught e-mails, newest first. */
    List<CaughtMail> caught() {
        List<CaughtMail> mails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                mails.add(new CaughtMail(received(message), addresses(message.getFrom()),
                        addresses(message.getAllRecipients()), message.getSubject(), link(text(message))));
            } catch (MessagingException | IOException e) {
                log.warn("A caught e-mail could not be read: {}", e.getClass().getName());
            }
        }
        mails.sort(Comparator.comparing(CaughtMail::receivedAt).reversed());
        return mails;
    }

    @Override
    public void destroy() {
        server.stop();
    }

    private static Instant received(MimeMessage message) throws MessagingException {
        return message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.EPOCH;
    }

    private static String addresses(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return text.toString();
        }
        return "";
    }

    private static String link(String text) {
        Matcher matcher = LINK.matcher(text);
        return matcher.find() ? matcher.group() : null;
    }
}
