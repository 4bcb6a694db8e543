package fr.passerelle.hub.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes data·inclusion structures and services into the directory, from a file or a page of the API: each record
 * is checked against the schema (field rules, referential values); a bad record is recorded with its reasons
 * ({@code directory_import_rejection}) and skipped, the others are stored one by one, each in its own transaction.
 * The same record again changes nothing and an older one never replaces a newer one, so re-importing is harmless.
 * The directory handoffs read is then assembled again ({@link DirectoryAssembly}).
 */
@Component
public class DataInclusionImport {

    private static final Logger log = LoggerFactory.getLogger(DataInclusionImport.class);

    private final DataInclusionSchema schema;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DirectoryAssembly assembly;

    DataInclusionImport(DataInclusionSchema schema, JdbcClient jdbc, TransactionTemplate transactions,
                        DirectoryAssembly assembly) {
        this.schema = schema;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.assembly = assembly;
    }

    /**
     * A file as data·inclusion publishes it (JSON array, API page, or CSV).
     *
     * @throws InvalidDirectoryException when the file is none of these (nothing is imported)
     */
    public ImportReport importFile(String origin, DataInclusionResource resource, byte[] content) {
        return importRecords(origin, resource, DataInclusionFiles.read(origin, content, schema.document(resource)),
                null);
    }

    /**
     * @param appliedFrom records whose {@code date_maj} is before this day are counted unchanged without being
     *                    looked at further (a pulled feed's checkpoint); null: every record
     */
    public ImportReport importRecords(String origin, DataInclusionResource resource, List<JsonNode> records,
                                      LocalDate appliedFrom) {
        int applied = 0;
        int unchanged = 0;
        LocalDate latest = null;
        List<ImportReport.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            List<String> problems = schema.problems(resource, record);
            if (!problems.isEmpty()) {
                ImportReport.Rejected refusal = new ImportReport.Rejected(i + 1, text(record, "id"), problems);
                reject(origin, resource, refusal);
                rejected.add(refusal);
                continue;
            }
            LocalDate updated = LocalDate.parse(record.get("date_maj").asText());
            latest = latest == null || updated.isAfter(latest) ? updated : latest;
            if (appliedFrom != null && updated.isBefore(appliedFrom)) {
                unchanged++;
                continue;
            }
            Boolean stored = transactions.execute(status -> store(origin, resource, record));
            if (Boolean.TRUE.equals(stored)) {
                applied++;
            } else {
                unchanged++;
            }
        }
        if (applied > 0) {
            assembly.assemble();
        }
        log.info("Directory import {} ({}): {} read, {} applied, {} unchanged, {} rejected", origin, resource,
                records.size(), applied, unchanged, rejected.size());
        return new ImportReport(origin, resource, records.size(), applied, unchanged, rejected, latest);
    }

    private boolean store(String origin, DataInclusionResource resource, JsonNode record) {
        String sql = resource == DataInclusionResource.STRUCTURE ? """
                insert into directory_di_structure (id, source, nom, code_insee, code_postal, commune, courriel,
                    telephone, reseaux_porteurs, date_maj, record, origin)
                values (:id, :source, :nom, :codeInsee, :codePostal, :commune, :courriel, :telephone, :reseaux,
                    cast(:dateMaj as date), cast(:record as jsonb), :origin)
                on conflict (id) do update set source = excluded.source, nom = excluded.nom,
                    code_insee = excluded.code_insee, code_postal = excluded.code_postal, commune = excluded.commune,
                    courriel = excluded.courriel, telephone = excluded.telephone,
                    reseaux_porteurs = excluded.reseaux_porteurs, date_maj = excluded.date_maj,
                    record = excluded.record, origin = excluded.origin, imported_at = now()
                where excluded.date_maj >= directory_di_structure.date_maj
                    and excluded.record is distinct from directory_di_structure.record
                """ : """
                insert into directory_di_service (id, source, structure_id, nom, thematiques, publics,
                    modes_mobilisation, zone_eligibilite, courriel, telephone, contact_nom_prenom, date_maj, record,
                    origin)
                values (:id, :source, :structureId, :nom, :thematiques, :publics, :modes, :zone, :courriel,
                    :telephone, :contact, cast(:dateMaj as date), cast(:record as jsonb), :origin)
                on conflict (id) do update set source = excluded.source, structure_id = excluded.structure_id,
                    nom = excluded.nom, thematiques = excluded.thematiques, publics = excluded.publics,
                    modes_mobilisation = excluded.modes_mobilisation, zone_eligibilite = excluded.zone_eligibilite,
                    courriel = excluded.courriel, telephone = excluded.telephone,
                    contact_nom_prenom = excluded.contact_nom_prenom, date_maj = excluded.date_maj,
                    record = excluded.record, origin = excluded.origin, imported_at = now()
                where excluded.date_maj >= directory_di_service.date_maj
                    and excluded.record is distinct from directory_di_service.record
                """;
        JdbcClient.StatementSpec statement = jdbc.sql(sql)
                .param("id", text(record, "id")).param("source", text(record, "source"))
                .param("nom", text(record, "nom")).param("courriel", text(record, "courriel"))
                .param("telephone", text(record, "telephone")).param("dateMaj", text(record, "date_maj"))
                .param("record", record.toString()).param("origin", origin);
        if (resource == DataInclusionResource.STRUCTURE) {
            statement = statement.param("codeInsee", text(record, "code_insee"))
                    .param("codePostal", text(record, "code_postal")).param("commune", text(record, "commune"))
                    .param("reseaux", strings(record, "reseaux_porteurs"));
        } else {
            statement = statement.param("structureId", text(record, "structure_id"))
                    .param("thematiques", strings(record, "thematiques")).param("publics", strings(record, "publics"))
                    .param("modes", strings(record, "modes_mobilisation"))
                    .param("zone", strings(record, "zone_eligibilite"))
                    .param("contact", text(record, "contact_nom_prenom"));
        }
        return statement.update() > 0;
    }

    private void reject(String origin, DataInclusionResource resource, ImportReport.Rejected refusal) {
        transactions.executeWithoutResult(status -> jdbc.sql("""
                        insert into directory_import_rejection (origin, resource, position, record_id, reasons)
                        values (:origin, :resource, :position, :id, :reasons)""")
                .param("origin", origin).param("resource", resource.name()).param("position", refusal.position())
                .param("id", refusal.recordId()).param("reasons", refusal.reasons().toArray(String[]::new))
                .update());
        log.warn("Directory import {}: {} at position {} (id {}) rejected, {} problem(s)", origin, resource,
                refusal.position(), refusal.recordId(), refusal.reasons().size());
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record == null ? null : record.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String[] strings(JsonNode record, String field) {
        JsonNode values = record.get(field);
        List<String> list = new ArrayList<>();
        if (values != null && values.isArray()) {
            values.forEach(value -> list.add(value.asText()));
        }
        return list.toArray(String[]::new);
    }
}
