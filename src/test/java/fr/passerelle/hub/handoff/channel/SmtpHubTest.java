package fr.passerelle.hub.handoff.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.passerelle.hub.support.HubIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String AILE = "demo-aile-key";
    protected static final String PROGRAMME = "demo-ruche-itineraire-key";
    protected static final String SOCIAL_WORKER_EMAIL = "laure.tissier@essonne.example.fr";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_BASE_URL) + "(/referent/handoffs/[A-Za-z0-9._-]+)");
    private static final AtomicInteger PEOPLE = new AtomicInteger();
    private static final int SMTP_PORT = freePort();
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
        String beneficiary = referNewPersonAsAile(referral -> {
            ObjectNode person = (ObjectNode) referral.get("beneficiary");
            person.put("firstName", "Maëlys");
            person.put("lastName", lastName);
            person.put("birthDate", birthDate.toString());
            person.put("email", "maelys." + UUID.randomUUID() + "@example.org");
            ((ObjectNode) person.get("address")).put("postalCode", postalCode);
            ((ObjectNode) referral.get("consent")).put("dataSharing", consent);
            if (!withSocialWorker) {
                referral.putNull("socialWorker");
            }
        });
        event(beneficiary, "{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true,\"reason\":\"projet validé\"}");
        event(beneficiary, "{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}");
        return new Person(beneficiary, "Maëlys", lastName, birthDate);
    }

    protected JsonNode event(String beneficiary, String json) {
        HttpResponse<String> answer = postJson("/api/v1/beneficiaries/" + beneficiary + "/events", PROGRAMME,
                json.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return readJson(answer.body());
    }

    protected JsonNode handoff(String beneficiary, String rule) {
        HttpResponse<String> answer = get("/api/v1/beneficiaries/" + beneficiary + "/handoffs", PROGRAMME);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (JsonNode handoff : readJson(answer.body()).get("handoffs")) {
            if (handoff.get("rule").asText().equals(rule)) {
                return handoff;
            }
        }
        throw new AssertionError("no handoff by rule " + rule + " for " + beneficiary);
    }

    protected JsonNode awaitHandoffStatus(String beneficiary, String rule, String status) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> handoff(beneficiary, rule).get("status").asText().equals(status));
        return handoff(beneficiary, rule);
    }

    /** The e-mails received for one handoff (header X-Passerelle-Handoff-Id). */
    protected static List<MimeMessage> mailsFor(String handoffId) {
        return Arrays.stream(smtp().getReceivedMessages()).filter(message -> {
            try {
                String[] ids = message.getHeader(EmailChannel.HANDOFF_ID_HEADER);
                return ids != null && ids.length == 1 && ids[0].equals(handoffId);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    protected static MimeMessage awaitMail(String handoffId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> mailsFor(handoffId).size() == 1);
        return mailsFor(handoffId).get(0);
    }

    protected static String body(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The link's path: the hub of the test answers on localhost, not at the public base URL. */
    protected static String linkPath(MimeMessage message) {
        Matcher matcher = LINK.matcher(body(message));
        assertThat(matcher.find()).as("a referent link in the e-mail").isTrue();
        return matcher.group(1);
    }

    protected static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static JsonNode readJson(byte[] bytes) {
        return readJson(new String(bytes, StandardCharsets.UTF_8));
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
