package fr.passerelle.hub.handoff.channel;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.partner.PartnerFolders;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

/**
 * SFTP outbox delivery: one CSV file per handoff in the partner's {@code outbox/}, named after the handoff id (a
 * re-delivery replaces the same file, so the partner never sees two copies). {@code ;}, UTF-8 with BOM, CRLF, French
 * headers, like the reject reports; every cell is neutralised against formula injection.
 */
@Component
class SftpOutboxChannel implements HandoffChannel {

    static final List<String> HEADERS = List.of("identifiant_transfert", "date_creation", "declencheur", "regle",
            "motif", "destinataire", "structure", "identifiant_beneficiaire", "nom", "prenoms", "date_naissance",
            "telephone", "courriel", "code_postal", "commune", "evenement", "frein", "issue");

    private final PartnerFolders folders;

    SftpOutboxChannel(PartnerFolders folders) {
        this.folders = folders;
    }

    @Override
    public Channel channel() {
        return Channel.SFTP_OUTBOX;
    }

    @Override
    public void deliver(Handoff handoff) throws DeliveryException {
        if (handoff.recipientPartnerId() == null) {
            throw new DeliveryException("SANS_PARTENAIRE", "an SFTP outbox needs a partner");
        }
        try {
            folders.writeToOutbox(handoff.recipientPartnerId(), fileName(handoff), csv(handoff));
        } catch (UncheckedIOException e) {
            throw new DeliveryException("ECRITURE_IMPOSSIBLE", "outbox not writable", e);
        }
    }

    static String fileName(Handoff handoff) {
        return "passerelle-transfert-" + handoff.id() + ".csv";
    }

    static byte[] csv(Handoff handoff) {
        JsonNode payload = handoff.payload();
        JsonNode person = payload.path("beneficiary");
        JsonNode event = payload.path("event");
        List<String> row = new ArrayList<>();
        row.add(handoff.id().toString());
        row.add(text(payload, "createdAt"));
        row.add(handoff.trigger());
        row.add(handoff.ruleId());
        row.add(handoff.reason());
        row.add(handoff.recipientName());
        row.add(handoff.recipientStructure());
        row.add(text(person, "id"));
        row.add(text(person, "lastName"));
        row.add(text(person, "firstNames"));
        row.add(text(person, "birthDate"));
        row.add(person.path("phones").path(0).asText(""));
        row.add(text(person, "email"));
        row.add(text(person, "postalCode"));
        row.add(text(person, "commune"));
        row.add(text(event, "type"));
        row.add(text(event, "barrier"));
        row.add(text(event, "outcome"));
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n").build();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            printer.printRecord(HEADERS);
            printer.printRecord(row.stream().map(CsvCells::neutralise).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
