package fr.passerelle.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.testsupport.DemoCredentials;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The pages' security headers, CSRF on their forms and CORS closed, against the running hub. */
class PagesIT extends HubIntegrationTest {

    @Test
    void pagesCarryTheirSecurityHeadersAndHstsOnlyOverHttps() {
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login")).GET());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValue(SecurityConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();

        HttpResponse<String> behindTls = send(HttpRequest.newBuilder(uri("/login")).GET()
                .header("X-Forwarded-Proto", "https"));
        assertThat(behindTls.headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000 ; includeSubDomains");
    }

    @Test
    void formsCarryTheCsrfTokenAndAPostWithoutItIsRefused() {
        assertThat(send(HttpRequest.newBuilder(uri("/login")).GET()).body()).contains("name=\"_csrf\"");

        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=operator&password="
                        + DemoCredentials.OPERATOR_PASSWORD)));
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void corsIsClosedToOtherOrigins() {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/api/v1/files"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/api/v1/files")).GET()
                .header("Origin", "https://evil.example").header("X-Api-Key", DemoCredentials.AILE_KEY));
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
