package fr.passerelle.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import fr.passerelle.hub.canonical.FieldIssue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The REST API's contract, written first in {@code src/main/resources/openapi/passerelle-api.yaml}: served as it is
 * (YAML, and the same document as JSON), and enforced — a request body is checked against the very schema the
 * document publishes ({@link #violations}), so the description cannot drift from what the hub accepts.
 */
@Component
public class ApiContract {

    public static final String LOCATION = "openapi/passerelle-api.yaml";

    private final byte[] yaml;
    private final byte[] json;
    private final ObjectMapper reader;
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).locale(Locale.FRENCH).build();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    public ApiContract(ObjectMapper json) {
        this.reader = json;
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException("API contract " + LOCATION + " missing from the classpath");
            }
            this.yaml = in.readAllBytes();
            JsonNode document = new YAMLMapper().readTree(yaml);
            this.json = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException("API contract " + LOCATION + " unreadable", e);
        }
    }

    /** {@code GET /api/v1/openapi.json}. */
    public void serveJson(Exchange exchange) {
        serve(exchange, "application/json", json);
    }

    /** {@code GET /api/v1/openapi.yaml}: the file as written. */
    public void serveYaml(Exchange exchange) {
        serve(exchange, "application/yaml", yaml);
    }

    public byte[] json() {
        return json.clone();
    }

    /**
     * Every departure of {@code body} from {@code components/schemas/<schema>}, each named by its field as the sender
     * writes it ({@code beneficiary.birthDate}, {@code barriers}). A body that is not JSON has none: reading it is the
     * mapping's job, which answers {@code JSON_MALFORME}.
     */
    public List<FieldIssue> violations(String schema, byte[] body) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : reader.readTree(body);
        } catch (IOException e) {
            return List.of();
        }
        if (node == null) {
            return List.of();
        }
        Map<String, FieldIssue> byField = new LinkedHashMap<>();
        compiled.computeIfAbsent(schema, this::compile).validate(node).stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage))
                .map(ApiContract::issue)
                .forEach(issue -> byField.putIfAbsent(issue.field(), issue));
        return new ArrayList<>(byField.values());
    }

    private JsonSchema compile(String schema) {
        JsonSchema compiled = schemas.getSchema(SchemaLocation.of("classpath:" + LOCATION + "#/components/schemas/"
                + schema), config);
        // Resolved once here, so that concurrent requests only ever read it.
        compiled.initializeValidators();
        return compiled;
    }

    static FieldIssue issue(ValidationMessage message) {
        String at = field(message.getInstanceLocation().toString());
        return switch (message.getType()) {
            case "required" -> new FieldIssue(join(at, message.getProperty()), "CHAMP_OBLIGATOIRE",
                    "champ obligatoire absent ou vide");
            case "additionalProperties" -> new FieldIssue(join(at, message.getProperty()), "CHAMP_INATTENDU",
                    "champ inattendu");
            // A code of the contract's enumerations is no personal data: it is named back to the sender.
            case "enum", "const" -> new FieldIssue(at, "VALEUR_NON_AUTORISEE", "valeur"
                    + found(message) + " non autorisée" + allowed(message));
            case "type" -> new FieldIssue(at, "TYPE_INVALIDE", "type invalide ("
                    + list(message.getArguments()[1]) + " attendu)");
            case "minLength" -> new FieldIssue(at, "VALEUR_VIDE", "valeur vide ou trop courte");
            case "maxLength" -> new FieldIssue(at, "TROP_LONG", "valeur trop longue ("
                    + message.getArguments()[0] + " caractères au plus)");
            case "format", "pattern" -> new FieldIssue(at, "FORMAT_INVALIDE", "format invalide");
            default -> new FieldIssue(at, "NON_CONFORME", "non conforme au contrat (" + message.getType() + ")");
        };
    }

    /** {@code /beneficiary/birthDate} → {@code beneficiary.birthDate}; an array item is named by its array. */
    static String field(String pointer) {
        String field = List.of(pointer.split("/")).stream()
                .filter(segment -> !segment.isEmpty() && !segment.chars().allMatch(Character::isDigit))
                .map(segment -> segment.replace("~1", "/").replace("~0", "~"))
                .collect(Collectors.joining("."));
        return field.isEmpty() ? "$" : field;
    }

    private static String join(String at, String property) {
        return property == null ? at : at.equals("$") ? property : at + "." + property;
    }

    private static String found(ValidationMessage message) {
        JsonNode value = message.getInstanceNode();
        return value != null && value.isTextual() && value.asText().length() <= 40
                ? " « " + value.asText() + " »" : "";
    }

    private static String allowed(ValidationMessage message) {
        Object[] arguments = message.getArguments();
        return arguments == null || arguments.length == 0 ? "" : " (valeurs admises : " + list(arguments[0]) + ")";
    }

    /** {@code ["A", "B"]} or {@code [string, null]} as {@code A, B}. */
    private static String list(Object argument) {
        return String.valueOf(argument).replaceAll("[\\[\\]\"]", "").replaceAll("\\s*,\\s*", ", ");
    }

    private static void serve(Exchange exchange, String contentType, byte[] body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType + ";charset=UTF-8");
        exchange.getMessage().setBody(new String(body, StandardCharsets.UTF_8));
    }
}
