package fr.passerelle.hub.handoff.channel;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.HandoffStatus;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.testsupport.Json;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class DeliveryFormatsTest {

    @Test
    void formulaLikeCellsAreKeptAsText() {
        assertThat(CsvCells.neutralise("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(CsvCells.neutralise("+33612345678")).isEqualTo("'+33612345678");
        assertThat(CsvCells.neutralise("-2")).isEqualTo("'-2");
        assertThat(CsvCells.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.neutralise("Logement")).isEqualTo("Logement");
        assertThat(CsvCells.neutralise(null)).isEmpty();
    }

    @Test
    void sftpFileIsOneSemicolonSeparatedRowWithFrenchHeadersAndNeutralisedCells() throws IOException {
        UUID id = UUID.randomUUID();
        var payload = Json.read("""
                {"handoffId":"%s","createdAt":"2026-11-23T09:00:00Z","beneficiary":{"id":"b-1","lastName":"=cmd|' /C calc'!A0",
                 "firstNames":"Léa","phones":["+33612345678"],"postalCode":"91220"},"event":{"type":"BARRIER_REPORTED","barrier":"MOBILITE"}}
                """.formatted(id));
        Handoff handoff = new Handoff(id, UUID.randomUUID(), "BARRIER_REPORTED", "barrier-employment", "Frein ; mobilité",
                "why", "referent:k@x", "EMPLOYMENT_COUNSELOR", "Karim Haddad", "k@x", "PLIE du Val d'Orge", "plie-val-orge",
                Channel.SFTP_OUTBOX, HandoffStatus.PENDING, null, 1, null, Instant.now(), null, null, null, null, 0, payload);
        String csv = new String(SftpOutboxChannel.csv(handoff), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF").contains("\r\n");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv.substring(1))).getRecords();
        assertThat(rows).hasSize(1);
        CSVRecord row = rows.get(0);
        assertThat(row.get("identifiant_transfert")).isEqualTo(id.toString());
        assertThat(row.get("motif")).isEqualTo("Frein ; mobilité");
        assertThat(row.get("nom")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(row.get("telephone")).isEqualTo("'+33612345678");
        assertThat(row.get("frein")).isEqualTo("MOBILITE");
    }

    @Test
    void signatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2.
        assertThat(WebhookChannel.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
