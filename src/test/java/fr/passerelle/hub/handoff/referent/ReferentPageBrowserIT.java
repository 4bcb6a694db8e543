package fr.passerelle.hub.handoff.referent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.beneficiary.BeneficiaryStore;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.ReferentRole;
import fr.passerelle.hub.testsupport.HeadlessChromium;
import fr.passerelle.hub.testsupport.SmtpHubTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The referent page in a real headless browser (Debian's chromium, phone-sized), opened from the link of a real
 * e-mail. No browser is downloaded: the binary and its driver are the system's.
 */
class ReferentPageBrowserIT extends SmtpHubTest {

    private static final Logger log = LoggerFactory.getLogger(ReferentPageBrowserIT.class);
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BeneficiaryStore beneficiaries;

    @BeforeAll
    static void startBrowser() {
        // Fails, never skips: the page's behaviour on a phone is part of what this build proves.
        long start = System.nanoTime();
        chromium = HeadlessChromium.phone();
        browser = chromium.browser();
        log.info("chromium started in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aSocialServiceOpensTheLinkOnAPhoneSeesTheContextAndTakesOver() {
        long start = System.nanoTime();
        // No social worker of record: the FINANCES barrier goes to the social service covering the commune.
        Person person = referAndStart(35, "91350", true, false);
        UUID beneficiary = UUID.fromString(person.id());
        journeyEvent(person.id(), "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"FINANCES\"}");
        JsonNode handoff = handoffsOf(person.id()).withRule("barrier-social");
        assertThat(handoff.at("/recipient/name").asText()).isEqualTo("MDS Grigny");
        // Someone followed the person as social worker before: taking over ends their period.
        beneficiaries.addReferent(beneficiary, ReferentRole.SOCIAL_WORKER, new ReferentContact("Paul", "Ancien",
                "p.ancien@ccas.example.org", null, "CCAS", null), null, null);
        String path = linkPath(awaitMail(handoff.get("handoffId").asText()));

        open(path);
        assertThat(text("recipient")).isEqualTo("MDS Grigny");
        assertThat(text("person-name")).isEqualTo(person.firstName() + " " + person.lastName());
        assertThat(text("person-birth-year")).isEqualTo(String.valueOf(person.birthDate().getYear()));
        assertThat(text("person-barrier")).isEqualTo("Difficultés financières");
        assertThat(text("person-commune")).startsWith("91350");
        assertThat(browser.getPageSource()).doesNotContain(person.birthDate().toString());
        assertFitsThePhone();

        browser.findElement(By.id("firstName")).sendKeys("Sophie");
        browser.findElement(By.id("lastName")).sendKeys("Marchand");
        browser.findElement(By.id("email")).sendKeys("s.marchand@essonne.example.fr");
        browser.findElement(By.id("phone")).sendKeys("01 69 00 00 00");
        browser.findElement(By.id("take-over")).click();

        // SECURITY: the typed address must confirm before anything changes.
        assertThat(text("answer")).contains("en attente");
        assertThat(handoffsOf(person.id()).withRule("barrier-social").get("status").asText()).isEqualTo("DELIVERED");
        open(awaitTakeOverConfirmationPath("s.marchand@essonne.example.fr"));
        browser.findElement(By.id("confirm-take-over")).click();
        assertThat(text("confirmed")).contains("confirmée");

        open(path);
        assertThat(text("answer")).contains("Relais pris");
        assertThat(browser.findElements(By.id("take-over"))).isEmpty();
        assertThat(handoffsOf(person.id()).withRule("barrier-social").get("status").asText()).isEqualTo("ACKNOWLEDGED");
        List<Map<String, Object>> socialWorkers = jdbc.sql("""
                        select first_name, last_name, email, structure, until from beneficiary_referent
                        where beneficiary_id = :b and role = 'SOCIAL_WORKER' order by id""")
                .param("b", beneficiary).query().listOfRows();
        assertThat(socialWorkers).hasSize(2);
        assertThat(socialWorkers.get(0).get("last_name")).isEqualTo("Ancien");
        assertThat(socialWorkers.get(0).get("until")).isNotNull();
        assertThat(socialWorkers.get(1)).containsEntry("first_name", "Sophie").containsEntry("last_name", "Marchand")
                .containsEntry("email", "s.marchand@essonne.example.fr").containsEntry("structure", "MDS Grigny");
        assertThat(socialWorkers.get(1).get("until")).isNull();

        // Answered, the handoff is closed: the page reloaded says what was answered and shows nobody, so only the
        // two views while it was open (the first, and the one after asking to take over) read the record.
        open(path);
        assertThat(text("answer")).contains("Réception accusée").contains("Relais pris");
        assertThat(browser.findElements(By.id("person"))).isEmpty();
        assertThat(jdbc.sql("select count(*) from record_access where beneficiary_id = :b and accessor_kind = 'REFERENT'")
                .param("b", beneficiary).query(Integer.class).single()).isEqualTo(2);
        log.info("browser test aSocialServiceOpensTheLinkOnAPhoneSeesTheContextAndTakesOver: {} ms",
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void theSocialWorkerDeclinesWithAReasonAndTheHandoffIsHandedOn() {
        long start = System.nanoTime();
        Person person = referAndStart(28, "91240", true, true);
        journeyEvent(person.id(), "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"LOGEMENT\"}");
        JsonNode handoff = handoffsOf(person.id()).withRule("barrier-social");
        assertThat(handoff.at("/recipient/email").asText()).isEqualTo(SOCIAL_WORKER_EMAIL);
        String path = linkPath(awaitMail(handoff.get("handoffId").asText()));

        open(path);
        assertThat(text("person-name")).isEqualTo(person.firstName() + " " + person.lastName());
        assertThat(text("person-barrier")).isEqualTo("Logement");
        // The reason is required: the browser's own check is bypassed to see the server's.
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById('decline-reason').removeAttribute('required')");
        browser.findElement(By.id("decline")).click();
        assertThat(text("error")).contains("Indiquez pourquoi");
        assertThat(handoffsOf(person.id()).withRule("barrier-social").get("status").asText()).isEqualTo("DELIVERED");

        browser.findElement(By.id("decline-reason")).sendKeys("Je change de secteur le mois prochain.");
        browser.findElement(By.id("decline")).click();

        assertThat(text("answer")).contains("Relais refusé").contains("Je change de secteur");
        assertThat(browser.findElements(By.id("acknowledge"))).isEmpty();
        assertThat(browser.findElements(By.id("take-over"))).isEmpty();
        JsonNode declined = handoffsOf(person.id()).withRule("barrier-social");
        assertThat(declined.get("status").asText()).isEqualTo("DECLINED");
        assertThat(declined.get("statusReason").asText()).contains("Laure Tissier").contains("Je change de secteur");
        // Handed on to the territory coordinator covering the commune, with the routing decision saying why.
        JsonNode handedOn = handoffsOf(person.id()).withRule("referent-declined");
        assertThat(handedOn.at("/recipient/role").asText()).isEqualTo("TERRITORY_COORDINATOR");
        assertThat(handedOn.get("reason").asText()).contains("Je change de secteur");
        assertThat(handedOn.get("explanation").asText()).contains(declined.get("handoffId").asText());
        log.info("browser test theSocialWorkerDeclinesWithAReasonAndTheHandoffIsHandedOn: {} ms",
                (System.nanoTime() - start) / 1_000_000);
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
        assertThat(browser.getTitle()).startsWith("Passerelle");
    }

    /** Waits for the element: after a click the browser may still be loading the page the form posted to. */
    private static String text(String id) {
        return new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id(id)))
                .getText().strip();
    }

    /** Phone-sized: nothing wider than the 390 px screen, no horizontal scrolling. */
    private static void assertFitsThePhone() {
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    }
}
