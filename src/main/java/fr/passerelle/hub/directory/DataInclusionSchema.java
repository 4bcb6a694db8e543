package fr.passerelle.hub.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The data·inclusion schema v1 as published ({@code directory/data-inclusion-schema/v1/}): checks a record against
 * its field rules and referential values, and lists a referential's values. The two rules the schema's own
 * validator adds beyond its JSON schema are checked here too: {@code date_maj} between 2000 and today, and
 * {@code tous-publics} alone in {@code publics}.
 */
@Component
class DataInclusionSchema {

    private static final String LOCATION = "directory/data-inclusion-schema/v1/";
    private static final LocalDate EARLIEST_UPDATE = LocalDate.of(2000, 1, 1);

    private final Map<DataInclusionResource, JsonNode> documents = new EnumMap<>(DataInclusionResource.class);
    private final Map<DataInclusionResource, JsonSchema> schemas = new EnumMap<>(DataInclusionResource.class);
    private final Supplier<LocalDate> today;

    DataInclusionSchema() {
        this(LocalDate::now);
    }

    DataInclusionSchema(Supplier<LocalDate> today) {
        this.today = today;
        ObjectMapper json = new ObjectMapper();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (DataInclusionResource resource : DataInclusionResource.values()) {
            try (InputStream in = DataInclusionSchema.class.getClassLoader()
                    .getResourceAsStream(LOCATION + resource.schemaFile())) {
                JsonNode document = json.readTree(in);
                documents.put(resource, document);
                schemas.put(resource, factory.getSchema(document, config));
            } catch (IOException e) {
                throw new UncheckedIOException("data·inclusion schema " + resource.schemaFile(), e);
            }
        }
    }

    /** Every problem of the record, in French, each naming its field; empty when the record is valid. */
    List<String> problems(DataInclusionResource resource, JsonNode record) {
        if (record == null || !record.isObject()) {
            return List.of("l'enregistrement n'est pas un objet JSON");
        }
        Set<String> problems = new LinkedHashSet<>();
        List<ValidationMessage> messages = new ArrayList<>(schemas.get(resource).validate(record));
        Set<String> located = new TreeSet<>();
        for (ValidationMessage message : messages) {
            if (!message.getType().equals("type") || !message.getMessage().endsWith("null expected")) {
                located.add(field(message));
            }
        }
        for (ValidationMessage message : messages) {
            String field = field(message);
            // The schema allows null for every optional field: "null expected" only repeats a problem of the
            // field or of one of its items.
            if (message.getType().equals("type") && message.getMessage().endsWith("null expected")
                    && located.stream().anyMatch(other -> other.equals(field) || other.startsWith(field + "/"))) {
                continue;
            }
            problems.add(describe(message, field, record));
        }
        problems.addAll(extraRules(record));
        return List.copyOf(problems);
    }

    /** The published JSON schema of the resource. */
    JsonNode document(DataInclusionResource resource) {
        return documents.get(resource);
    }

    /** The values of one of the schema's referentials ({@code ReseauPorteur}, {@code Thematique}, {@code Public}…). */
    Set<String> values(DataInclusionResource resource, String referential) {
        JsonNode values = documents.get(resource).path("$defs").path(referential).path("enum");
        if (!values.isArray()) {
            throw new IllegalArgumentException("no referential " + referential + " in " + resource.schemaFile());
        }
        Set<String> set = new TreeSet<>();
        values.forEach(value -> set.add(value.asText()));
        return set;
    }

    private List<String> extraRules(JsonNode record) {
        List<String> problems = new ArrayList<>();
        JsonNode dateMaj = record.get("date_maj");
        if (dateMaj != null && dateMaj.isTextual()) {
            try {
                LocalDate date = LocalDate.parse(dateMaj.asText());
                if (date.isBefore(EARLIEST_UPDATE)) {
                    problems.add("date_maj : " + date + " est antérieure à 2000");
                } else if (date.isAfter(today.get())) {
                    problems.add("date_maj : " + date + " est dans le futur");
                }
            } catch (DateTimeParseException e) {
                // Already reported by the schema's format rule.
            }
        }
        JsonNode publics = record.get("publics");
        if (publics != null && publics.isArray() && publics.size() > 1) {
            for (JsonNode value : publics) {
                if (value.asText().equals("tous-publics")) {
                    problems.add("publics : tous-publics ne se combine avec aucune autre valeur");
                }
            }
        }
        return problems;
    }

    private static String field(ValidationMessage message) {
        if (message.getType().equals("required")) {
            return message.getProperty();
        }
        String location = message.getInstanceLocation().toString();
        return location.startsWith("/") ? location.substring(1) : location;
    }

    private static String describe(ValidationMessage message, String field, JsonNode record) {
        JsonNode value = record.at("/" + field);
        String shown = value.isMissingNode() ? "" : " '" + abbreviate(value.isTextual() ? value.asText() : value.toString()) + "'";
        return switch (message.getType()) {
            case "required" -> field + " : champ obligatoire absent";
            case "enum" -> field + " :" + shown + " n'est pas une valeur du référentiel data·inclusion";
            case "pattern", "minLength", "maxLength", "format" -> field + " :" + shown + " ne respecte pas le format attendu ("
                    + message.getMessage().substring(message.getMessage().indexOf(':') + 1).trim() + ")";
            default -> field + " : " + message.getMessage().substring(message.getMessage().indexOf(':') + 1).trim();
        };
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 57) + "…" : value;
    }
}
