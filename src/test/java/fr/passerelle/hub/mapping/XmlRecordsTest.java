package fr.passerelle.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class XmlRecordsTest {

    private static final MappingDefinition ENVELOPE = mapping("Body.demande.personne");
    private static final MappingDefinition DOCUMENT = mapping(null);

    @Test
    void readsLocalNamesByDottedPathWhateverTheNamespacesAndPrefixes() {
        List<SourceRecord> records = XmlRecords.read(ENVELOPE, bytes("""
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
                  <s:Header/>
                  <s:Body>
                    <a:demande xmlns:a="urn:a:v1" xmlns:b="urn:b:v2">
                      <a:personne>
                        <a:nom>Noël</a:nom>
                        <b:adresse><b:codePostal>91100</b:codePostal></b:adresse>
                      </a:personne>
                    </a:demande>
                  </s:Body>
                </s:Envelope>"""));

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.position()).isEqualTo(1);
            assertThat(record.values("nom")).containsExactly("Noël");
            assertThat(record.values("adresse.codePostal")).containsExactly("91100");
        });
    }

    @Test
    void givesRepeatedElementsAsAListInDocumentOrder() {
        SourceRecord record = XmlRecords.read(DOCUMENT, bytes("""
                <personne><contrainte><code>23</code></contrainte><contrainte><code>27</code></contrainte></personne>"""))
                .get(0);

        assertThat(record.values("contrainte.code")).containsExactly("23", "27");
    }

    @Test
    void givesOneRecordPerElementMatchingTheRecordsPath() {
        List<SourceRecord> records = XmlRecords.read(ENVELOPE, bytes("""
                <Envelope><Body><demande><personne><nom>A</nom></personne><personne><nom>B</nom></personne></demande></Body></Envelope>"""));

        assertThat(records).extracting(record -> record.values("nom").get(0)).containsExactly("A", "B");
        assertThat(records).extracting(SourceRecord::position).containsExactly(1, 2);
    }

    @Test
    void treatsAbsentNilAndNonLeafElementsAsNoValue() {
        SourceRecord record = XmlRecords.read(DOCUMENT, bytes("""
                <personne xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <nir xsi:nil="true"/>
                  <adresse><ligne>1 rue</ligne></adresse>
                </personne>""")).get(0);

        assertThat(record.values("nir")).isEmpty();
        assertThat(record.values("telephone")).isEmpty();
        assertThat(record.values("adresse")).isEmpty();
    }

    @Test
    void rejectsAPayloadWithoutTheRecordsPathAsAWhole() {
        assertThatThrownBy(() -> XmlRecords.read(ENVELOPE, bytes("<Envelope><Body/></Envelope>")))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessageContaining("Body.demande.personne")
                .extracting(e -> ((UnusablePayloadException) e).code()).isEqualTo("XML_INATTENDU");
    }

    @Test
    void rejectsMalformedXml() {
        assertThatThrownBy(() -> XmlRecords.read(DOCUMENT, bytes("<personne><nom>A</personne>")))
                .isInstanceOf(UnusablePayloadException.class)
                .extracting(e -> ((UnusablePayloadException) e).code()).isEqualTo("XML_MALFORME");
    }

    @Test
    void refusesAnExternalEntityWithoutReadingTheFile(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "CONTENU-SECRET-LOCAL");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE personne [ <!ENTITY xxe SYSTEM "%s"> ]>
                <personne><nom>&xxe;</nom></personne>""".formatted(secret.toUri());

        assertThatThrownBy(() -> XmlRecords.read(DOCUMENT, bytes(xxe)))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("CONTENU-SECRET-LOCAL");
    }

    @Test
    @Timeout(5)
    void refusesEntityExpansionAtOnce() {
        StringBuilder laughs = new StringBuilder("<!DOCTYPE lolz [ <!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]><personne><nom>&lol9;</nom></personne>");

        assertThatThrownBy(() -> XmlRecords.read(DOCUMENT, bytes(laughs.toString())))
                .isInstanceOf(UnusablePayloadException.class)
                .extracting(e -> ((UnusablePayloadException) e).code()).isEqualTo("XML_MALFORME");
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static MappingDefinition mapping(String recordsPath) {
        return MappingParser.parse("mappings/test/people-xml.v1.yaml", "test", "people-xml.v1.yaml", """
                partner: test
                name: people-xml
                version: 1
                format: xml
                %s
                fields:
                  - { target: recordKey, source: id, normalizer: code, required: true }
                """.formatted(recordsPath == null ? "" : "recordsPath: " + recordsPath));
    }
}
