package fr.passerelle.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Named accounts with roles in the database, Argon2id hashes, lockout, and the programme team's login. */
class PeopleAndRolesIT extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    OperatorAccounts accounts;

    @Test
    void theDemoAccountsAreStoredWithTheirRolesAndAnArgon2idHash() {
        List<String> hashes = jdbc.sql("select password_hash from operator_account where username in "
                + "('operator', 'admin', 'viewer', 'programme')").query(String.class).list();
        assertThat(hashes).hasSize(4).allSatisfy(hash -> assertThat(hash)
                .startsWith("{argon2@SpringSecurity_v5_8}$argon2id$").doesNotContain("demo-"));
        assertThat(jdbc.sql("select array_to_string(roles, ',') from operator_account where username = 'admin'")
                .query(String.class).single()).isEqualTo("ADMIN,OPERATOR,VIEWER");
    }

    @Test
    void anAccountIsLockedAfterRepeatedFailuresEvenForTheRightPasswordUntilTheLockEnds() {
        accounts.seed("lockout-probe", "right-password", List.of(ConsoleProperties.Role.OPERATOR));
        assertThat(opsList("lockout-probe", "right-password").statusCode()).isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            assertThat(opsList("lockout-probe", "wrong-password-" + i).statusCode()).isEqualTo(401);
        }

        assertThat(opsList("lockout-probe", "right-password").statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select extract(epoch from locked_until - now()) from operator_account "
                + "where username = 'lockout-probe'").query(Double.class).single()).isBetween(800.0, 900.0);

        // The quarter of an hour passes.
        jdbc.sql("update operator_account set locked_until = now() - interval '1 second' where username = 'lockout-probe'")
                .update();
        assertThat(opsList("lockout-probe", "right-password").statusCode()).isEqualTo(200);
    }

    @Test
    void aSuccessResetsTheFailuresCount() {
        accounts.seed("reset-probe", "right-password", List.of(ConsoleProperties.Role.OPERATOR));
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(opsList("reset-probe", "wrong").statusCode()).isEqualTo(401);
            }
            assertThat(opsList("reset-probe", "right-password").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theProgrammeTeamLogsInToReadTheSharedRecordAndNothingElse() {
        String beneficiary = referNewPersonAsAile(AileReferral.newPerson());

        HttpResponse<String> read = basic("/api/v1/beneficiaries/" + beneficiary, "programme", "demo-programme-password");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(jdbc.sql("select accessor_id from record_access where beneficiary_id = :b order by 1")
                .param("b", java.util.UUID.fromString(beneficiary)).query(String.class).list())
                .contains("ruche-itineraire/programme");

        assertThat(basic("/api/v1/files", "programme", "demo-programme-password").statusCode()).isEqualTo(403);
        assertThat(basic("/api/v1/ops/handoffs", "programme", "demo-programme-password").statusCode()).isEqualTo(403);
        assertThat(basic("/api/v1/beneficiaries/" + beneficiary, "operator", "demo-operator-password").statusCode())
                .isEqualTo(403);
        assertThat(basic("/api/v1/beneficiaries/" + beneficiary, "programme", "not-the-password").statusCode())
                .isEqualTo(401);
        // The programme partner's API key still reads the record.
        assertThat(get("/api/v1/beneficiaries/" + beneficiary, "demo-ruche-itineraire-key").statusCode()).isEqualTo(200);
    }

    @Test
    void aViewerMayNotActThroughTheOperatorsApi() {
        assertThat(basic("/api/v1/ops/handoffs", "viewer", "demo-viewer-password").statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> opsList(String username, String password) {
        return basic("/api/v1/ops/handoffs", username, password);
    }

    private HttpResponse<String> basic(String path, String username, String password) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }
}
