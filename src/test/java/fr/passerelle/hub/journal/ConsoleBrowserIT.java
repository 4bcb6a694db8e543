package fr.passerelle.hub.journal;

import static fr.passerelle.hub.testsupport.DemoCredentials.ADMIN;
import static fr.passerelle.hub.testsupport.DemoCredentials.ADMIN_PASSWORD;
import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.OPERATOR;
import static fr.passerelle.hub.testsupport.DemoCredentials.OPERATOR_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HeadlessChromium;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator console in Debian's headless chromium, as an operator uses it: a failed message found by its partner
 * record key in the journal, replayed from its page; parked handoffs counted then replayed as a job; the feeds and
 * routes pages; an administrator stopping and starting a route. Each main page is saved as a screenshot into
 * {@code target/console-screenshots}, and into the folder named by {@code -Dpasserelle.screenshots} (docs/operations.md:
 * {@code -Dpasserelle.screenshots=docs/img}).
 */
class ConsoleBrowserIT extends HubIntegrationTest {

    private static HeadlessChromium chromium;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.desktop();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anOperatorFindsAFailedMessageByItsRecordKeyReplaysItAndReplaysParkedHandoffsAsAJob() {
        AileReferral referral = AileReferral.newPerson().firstName("Odile")
                .lastName("Console-" + UUID.randomUUID().toString().substring(0, 8))
                .birthDate(LocalDate.now().minusYears(45).minusDays(ThreadLocalRandom.current().nextInt(300)))
                .email("odile." + UUID.randomUUID() + "@example.org").phone(ownPhone());
        try (var failing = FailingReferrals.whileStoring(jdbc, referral.reference())) {
            assertThat(postJson("/api/v1/referrals", AILE_KEY, referral.json()).statusCode()).isGreaterThanOrEqualTo(500);
        }
        WebDriver browser = chromium.browser();
        logIn(browser, OPERATOR, OPERATOR_PASSWORD);
        screenshot(browser, "console-home");

        browser.get(uri("/console/journal").toString());
        browser.findElement(By.name("recordKey")).sendKeys(referral.reference());
        navigate(browser, browser.findElement(By.cssSelector("#journal-search button[type=submit]")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#journal-entries tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("FAILED").contains("INDISPONIBLE");
        screenshot(browser, "console-journal");

        navigate(browser, rows.get(0).findElement(By.linkText("voir le message")));
        assertThat(browser.findElement(By.id("message-outcome")).getText()).isEqualTo("FAILED");
        navigate(browser, browser.findElement(By.id("replay-message")));
        assertThat(browser.findElement(By.className("flash")).getText()).contains("ACCEPTED");
        assertThat(browser.findElement(By.id("message-runs")).getText()).contains("rejeu").contains("ACCEPTED");
        assertThat(browser.findElement(By.id("message-replays")).getText()).contains(OPERATOR);
        assertThat(browser.findElement(By.id("message-referrals")).findElements(By.cssSelector("tbody tr"))).hasSize(1);
        assertThat(browser.findElements(By.id("replay-message"))).isEmpty();
        screenshot(browser, "console-message");
        assertThat(jdbc.sql("select count(*) from referral where partner_id = 'aile' and upper(record_key) = upper(:key)")
                .param("key", referral.reference()).query(Integer.class).single()).isEqualTo(1);

        String parked = parkedAileHandoff();
        browser.get(uri("/console/parked").toString());
        assertThat(browser.findElement(By.id("parked-handoffs")).getText()).contains("referral-accepted");
        new Select(browser.findElement(By.name("kind"))).selectByValue("HANDOFF");
        browser.findElement(By.name("partner")).sendKeys("aile");
        navigate(browser, browser.findElement(By.id("count-batch")));
        int count = Integer.parseInt(browser.findElement(By.id("dry-run-count")).getText());
        assertThat(count).isPositive();
        assertThat(status(parked)).isEqualTo("PARKED");
        screenshot(browser, "console-parked");

        navigate(browser, browser.findElement(By.id("start-batch")));
        // The page refreshes itself while the job runs; a reload may catch it mid-refresh.
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(browser.findElement(By.id("job-state")).getText()).isEqualTo("DONE");
        });
        assertThat(browser.findElement(By.id("job-progress")).getText()).isEqualTo(count + " / " + count);
        assertThat(browser.findElement(By.id("job-succeeded")).getText()).isEqualTo(String.valueOf(count));
        assertThat(status(parked)).isEqualTo("PENDING");
        screenshot(browser, "console-replay-job");

        browser.get(uri("/console/feeds").toString());
        String aile = browser.findElement(By.id("feed-aile")).getText();
        assertThat(aile).contains("REST").doesNotContain("jamais");
        screenshot(browser, "console-feeds");

        browser.get(uri("/console/routes").toString());
        assertThat(browser.findElement(By.id("route-aile-rest")).getText()).contains("Started");
        assertThat(browser.findElements(By.cssSelector("#routes button"))).isEmpty();
        logOut(browser);
    }

    @Test
    void anAdministratorStopsAndStartsARouteAndReadsARawPayload() {
        WebDriver browser = chromium.browser();
        logIn(browser, ADMIN, ADMIN_PASSWORD);
        browser.get(uri("/console/routes").toString());
        navigate(browser, browser.findElement(By.id("route-handoff-watch")).findElement(By.tagName("button")));
        assertThat(browser.findElement(By.id("route-handoff-watch")).getText()).contains("Stopped");
        navigate(browser, browser.findElement(By.id("route-handoff-watch")).findElement(By.tagName("button")));
        assertThat(browser.findElement(By.id("route-handoff-watch")).getText()).contains("Started");
        assertThat(browser.findElement(By.className("flash")).getText()).contains("handoff-watch démarrée");
        screenshot(browser, "console-routes");

        AileReferral referral = AileReferral.newPerson().firstName("Aline")
                .lastName("Brut-" + UUID.randomUUID().toString().substring(0, 8))
                .email("aline." + UUID.randomUUID() + "@example.org");
        assertThat(postJson("/api/v1/referrals", AILE_KEY, referral.json()).statusCode()).isEqualTo(202);
        browser.get(uri("/console/journal?kind=MESSAGE&recordKey=" + referral.reference()).toString());
        navigate(browser, browser.findElement(By.linkText("voir le message")));
        navigate(browser, browser.findElement(By.linkText("Contenu brut (administrateurs)")));
        assertThat(browser.findElement(By.id("payload")).getText()).contains(referral.reference());
        logOut(browser);
    }

    /**
     * Clicks what leads to another page and waits until the browser has left this one. Chromium sometimes answers a
     * look at the departed page with "Node … does not belong to the document" instead of a stale element: gone too.
     */
    private static void navigate(WebDriver browser, WebElement target) {
        WebElement page = browser.findElement(By.tagName("html"));
        target.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException detached) {
                return String.valueOf(detached.getMessage()).contains("does not belong to the document");
            }
        });
    }

    private void logIn(WebDriver browser, String user, String password) {
        browser.get(uri("/login").toString());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        navigate(browser, browser.findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("console");
    }

    private void logOut(WebDriver browser) {
        browser.get(uri("/console").toString());
        navigate(browser, browser.findElement(By.xpath("//button[text()='Se déconnecter']")));
    }

    /** The sample's phone would make this person a match of another test's namesake: a phone of their own. */
    private static String ownPhone() {
        return String.format("06%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private String parkedAileHandoff() {
        String beneficiary = referNewPersonAsAile(AileReferral.newPerson().firstName("Paul")
                .lastName("Parked-" + UUID.randomUUID().toString().substring(0, 8))
                .birthDate(LocalDate.now(ZoneId.of("Europe/Paris")).minusYears(50))
                .email("paul." + UUID.randomUUID() + "@example.org").phone(ownPhone()));
        String handoff = handoffsOf(beneficiary).withRule("referral-accepted").get("handoffId").asText();
        jdbc.sql("update handoff set status = 'PARKED', parked_at = now(), next_attempt_at = null where id = cast(:id as uuid)")
                .param("id", handoff).update();
        return handoff;
    }

    private String status(String handoff) {
        return jdbc.sql("select status from handoff where id = cast(:id as uuid)").param("id", handoff)
                .query(String.class).single();
    }

    private static void screenshot(WebDriver browser, String name) {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        try {
            Path local = Path.of("target", "console-screenshots");
            Files.createDirectories(local);
            Files.write(local.resolve(name + ".png"), png);
            String docs = System.getProperty("passerelle.screenshots");
            if (docs != null && !docs.isBlank()) {
                Files.createDirectories(Path.of(docs));
                Files.write(Path.of(docs).resolve(name + ".png"), png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
