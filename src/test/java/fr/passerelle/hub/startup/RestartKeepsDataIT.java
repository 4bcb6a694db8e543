package fr.passerelle.hub.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.PasserelleApplication;
import fr.passerelle.hub.testsupport.PartnerSamples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The local run keeps its data in the embedded PostgreSQL data folder between runs. */
class RestartKeepsDataIT {

    @TempDir
    Path temp;

    @Test
    void referralSurvivesARestartOfTheHub() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        byte[] body = Files.readAllBytes(PartnerSamples.path("aile/valid/AILE-20261120-006.json"));
        String referralId;
        try (ConfigurableApplicationContext hub = start()) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri(hub, "/api/v1/referrals"))
                    .header("X-Api-Key", "demo-aile-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(202);
            referralId = new ObjectMapper().readTree(created.body()).get("referralId").asText();
        }
        try (ConfigurableApplicationContext hub = start()) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(uri(hub, "/api/v1/referrals/" + referralId))
                    .header("X-Api-Key", "demo-aile-key").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(read.body()).get("status").asText()).isEqualTo("ACCEPTED");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PasserelleApplication.class).run(
                "--server.port=0",
                "--passerelle.database.embedded.port=0",
                "--passerelle.database.embedded.clean-on-start=false",
                "--passerelle.database.embedded.data-directory=" + temp.resolve("pgdata"),
                "--passerelle.files.root=" + temp.resolve("files"),
                "--passerelle.sftp.port=0");
    }

    private static URI uri(ConfigurableApplicationContext hub, String path) {
        int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
        return URI.create("http://localhost:" + port + path);
    }
}
