package fr.passerelle.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.testsupport.HeadlessChromium;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The API page as a partner's developer opens it: no login, every operation shown, nothing fetched elsewhere. */
class ApiDocsPageBrowserIT extends HubIntegrationTest {

    private static HeadlessChromium chromium;

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
    void opensWithoutLoginFromTheHubAlone() throws Exception {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = following.send(HttpRequest.newBuilder(uri("/api/docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("swagger-ui-bundle.js").doesNotContain("http://").doesNotContain("https://");
        assertThat(get("/api/docs/swagger-ui-bundle.js", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/docs/api-docs.js", null).body()).contains("/api/v1/openapi.json");
    }

    @Test
    void showsEveryOperationWithItsSchemasAndExamples() {
        WebDriver browser = chromium.browser();
        browser.get(uri("/api/docs").toString());
        JsonNode document = Json.read(get("/api/v1/openapi.json", null).body());
        Set<String> described = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> described.add(method.toUpperCase() + " " + path.getKey())));

        Set<String> shown = new TreeSet<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            shown.clear();
            for (WebElement operation : browser.findElements(By.cssSelector(".opblock-tag-section .opblock"))) {
                String method = operation.findElement(By.cssSelector(".opblock-summary-method")).getText();
                String path = operation.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path");
                shown.add(method.toUpperCase() + " " + path);
            }
            assertThat(shown).containsAll(described);
        });
        assertThat(browser.getPageSource()).contains("Webhooks").contains("receiveHandoff");

        browser.findElement(By.cssSelector("#operations-Referrals-submitReferral .opblock-summary-control")).click();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.findElement(By.id("operations-Referrals-submitReferral")).getText())
                        .contains("AILE-20261120-001").contains("application/problem+json"));
        browser.findElement(By.cssSelector("#operations-Referrals-submitReferral button[data-name='model']")).click();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.findElement(By.id("operations-Referrals-submitReferral")).getText())
                        .contains("AssociationReferral").contains("beneficiary").contains("barriers"));

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        String origin = "http://localhost:" + port + "/";
        assertThat(loaded).isNotEmpty().allSatisfy(resource -> assertThat(URI.create(resource).toString())
                .startsWith(origin));
    }
}
