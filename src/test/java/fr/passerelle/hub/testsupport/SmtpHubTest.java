package fr.passerelle.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.passerelle.hub.handoff.channel.HandoffChannel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub with a real SMTP server (GreenMail, random port) behind its e-mail channel, and the scripted steps that
 * produce e-mail handoffs through the real HTTP API. Subclasses share one Spring context and one SMTP server.
 */
public abstract class SmtpHubTest extends HubIntegrationTest {

    public static final String PUBLIC_BASE_URL = "https://passerelle.test";
    protected static final String SOCIAL_WORKER_EMAIL = "laure.tissier@essonne.example.fr";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_BASE_URL) + "(/referent/handoffs/[A-Za-z0-9._-]+)");
    private static final Pattern TAKE_OVER_LINK = Pattern.compile(Pattern.quote(PUBLIC_BASE_URL)
            + "(/referent/takeovers/[A-Za-z0-9_-]+)");
    private static final AtomicInteger PEOPLE = new AtomicInteger();
    private static final int SMTP_PORT = FreePorts.next();
    private static GreenMail smtp = startSmtp();

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("passerelle.handoffs.referent-page.public-base-url", () -> PUBLIC_BASE_URL);
    }

    protected static synchronized GreenMail smtp() {
        return smtp;
    }

    protected static synchronized void smtpDown() {
        smtp.stop();
    }

    protected static synchronized void smtpUp() {
        smtp = startSmtp();
    }

    /** A person referred by AILE, with a unique surname, and the programme started. */
    protected record Person(String id, String firstName, String lastName, LocalDate birthDate) {
    }

    protected Person referAndStart(int age, String postalCode, boolean consent, boolean withSocialWorker) {
        int n = PEOPLE.incrementAndGet();
        String lastName = "Courriel-" + (char) ('a' + n % 26) + (char) ('a' + (n / 26) % 26) + "ville";
        LocalDate birthDate = LocalDate.now().minusYears(age).minusDays(40 + n);
        AileReferral referral = AileReferral.newPerson().firstName("Maëlys").lastName(lastName).birthDate(birthDate)
                .email("maelys." + UUID.randomUUID() + "@example.org").postalCode(postalCode).consent(consent);
        if (!withSocialWorker) {
            referral.withoutSocialWorker();
        }
        String beneficiary = referNewPersonAsAile(referral);
        journeyEvent(beneficiary, "{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true,\"reason\":\"projet validé\"}");
        journeyEvent(beneficiary, "{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}");
        return new Person(beneficiary, "Maëlys", lastName, birthDate);
    }

    /** The e-mails received for one handoff (header X-Passerelle-Handoff-Id). */
    protected static List<MimeMessage> mailsFor(String handoffId) {
        return Arrays.stream(smtp().getReceivedMessages()).filter(message -> {
            try {
                String[] ids = message.getHeader(HandoffChannel.HANDOFF_ID_HEADER);
                return ids != null && ids.length == 1 && ids[0].equals(handoffId);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    protected static MimeMessage awaitMail(String handoffId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> mailsFor(handoffId).size() == 1);
        return mailsFor(handoffId).get(0);
    }

    /** The e-mails received by one address, whatever they are about. */
    protected static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp().getReceivedMessages()).filter(message -> {
            try {
                return message.getAllRecipients() != null && Arrays.stream(message.getAllRecipients())
                        .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The path of the take-over confirmation link in the only e-mail the address received. */
    protected static String awaitTakeOverConfirmationPath(String address) {
        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(address).size() == 1);
        Matcher matcher = TAKE_OVER_LINK.matcher(body(mailsTo(address).get(0)));
        assertThat(matcher.find()).as("a take-over confirmation link in the e-mail").isTrue();
        return matcher.group(1);
    }

    protected static String body(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The link's path: the hub of the test answers on localhost, not at the public base URL. */
    protected static String linkPath(MimeMessage message) {
        Matcher matcher = LINK.matcher(body(message));
        assertThat(matcher.find()).as("a referent link in the e-mail").isTrue();
        return matcher.group(1);
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }
}
