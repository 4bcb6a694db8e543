package fr.passerelle.hub.api;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.ML_VAL_ORGE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PROGRAMME_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.PublishedContract;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The API's description, as a partner's developer and their tools meet it: served, parsed by a Java OpenAPI parser
 * without an error, held to the rules linters recommend, describing every operation the routes expose — and the
 * hub's real answers fit the schemas it publishes.
 */
class OpenApiContractIT extends HubIntegrationTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Autowired
    CamelContext camel;

    @Autowired
    PayloadIntake payloads;

    private JsonNode document() {
        HttpResponse<String> answer = get("/api/v1/openapi.json", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        return Json.read(answer.body());
    }

    @Test
    void servesTheContractFileAsYamlAndAsTheSameJsonWithoutLogin() throws Exception {
        HttpResponse<String> yaml = get("/api/v1/openapi.yaml", null);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/yaml"));
        String file = new String(getClass().getClassLoader().getResourceAsStream(ApiContract.LOCATION).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(yaml.body()).isEqualTo(file);
        assertThat(new YAMLMapper().readTree(yaml.body())).isEqualTo(document());
        assertThat(document().get("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void parsesWithoutAnyErrorAsOpenApi31() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Json.read(get("/api/v1/openapi.json", null)
                .body()).toString(), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(result.getOpenAPI().getWebhooks()).containsKey("handoff");
    }

    @Test
    void describesEveryOperationTheRoutesExposeAndNoOther() {
        Set<String> routed = new TreeSet<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = (rest.getPath() + (verb.getPath() == null ? "" : verb.getPath())).replace("//", "/");
                routed.add(verb.asVerb().toUpperCase() + " " + path);
            }
        }
        Set<String> described = new TreeSet<>();
        document().get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> {
                    if (METHODS.contains(method)) {
                        described.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));
        assertThat(described).isEqualTo(routed);
    }

    @Test
    void followsTheLintersRecommendedRules() {
        JsonNode doc = document();
        List<String> problems = new ArrayList<>();
        if (doc.at("/info/license/name").isMissingNode()) {
            problems.add("info.license missing");
        }
        if (doc.at("/info/description").asText().isBlank() || doc.at("/info/contact").isMissingNode()) {
            problems.add("info.description or info.contact missing");
        }
        if (!doc.path("servers").isArray() || doc.path("servers").isEmpty()) {
            problems.add("no server");
        }
        doc.path("servers").forEach(server -> {
            String url = server.path("url").asText();
            if (url.contains("example.com") || url.contains("localhost") || (url.endsWith("/") && !url.equals("/"))) {
                problems.add("server url " + server.path("url").asText());
            }
        });
        Set<String> tags = new HashSet<>();
        doc.path("tags").forEach(tag -> {
            tags.add(tag.path("name").asText());
            if (tag.path("description").asText().isBlank()) {
                problems.add("tag without description " + tag.path("name").asText());
            }
        });
        Set<String> schemes = new HashSet<>();
        doc.at("/components/securitySchemes").fieldNames().forEachRemaining(schemes::add);
        Set<String> operationIds = new HashSet<>();
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.add(Map.entry(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()));
                Matcher params = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
                while (params.find()) {
                    String name = params.group(1);
                    if (!declaresPathParameter(doc, op.getValue(), name)) {
                        problems.add(op.getKey() + " " + path.getKey() + ": path parameter " + name + " not declared");
                    }
                }
                if (path.getKey().endsWith("/") || path.getKey().contains("?")) {
                    problems.add("path " + path.getKey());
                }
            }
        }));
        doc.path("webhooks").fields().forEachRemaining(hook -> hook.getValue().fields().forEachRemaining(op ->
                operations.add(Map.entry("webhook " + hook.getKey(), op.getValue()))));
        for (Map.Entry<String, JsonNode> entry : operations) {
            String name = entry.getKey();
            JsonNode op = entry.getValue();
            String id = op.path("operationId").asText();
            if (id.isBlank() || !id.matches("[A-Za-z][A-Za-z0-9]*") || !operationIds.add(id)) {
                problems.add(name + ": operationId missing, not url-safe or not unique");
            }
            if (op.path("summary").asText().isBlank() || op.path("description").asText().isBlank()) {
                problems.add(name + ": no summary or no description");
            }
            if (!op.path("tags").isArray() || op.path("tags").isEmpty()) {
                problems.add(name + ": no tag");
            }
            op.path("tags").forEach(tag -> {
                if (!tags.contains(tag.asText())) {
                    problems.add(name + ": tag " + tag.asText() + " not defined");
                }
            });
            if (!op.has("security")) {
                problems.add(name + ": security not defined");
            }
            op.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(scheme -> {
                if (!schemes.contains(scheme)) {
                    problems.add(name + ": security scheme " + scheme + " not defined");
                }
            }));
            List<String> statuses = new ArrayList<>();
            op.path("responses").fieldNames().forEachRemaining(statuses::add);
            if (statuses.stream().noneMatch(status -> status.startsWith("2"))) {
                problems.add(name + ": no 2xx response");
            }
            if (statuses.stream().noneMatch(status -> status.startsWith("4"))) {
                problems.add(name + ": no 4xx response");
            }
            op.path("responses").fields().forEachRemaining(response -> {
                JsonNode resolved = resolve(doc, response.getValue());
                if (resolved.path("description").asText().isBlank()) {
                    problems.add(name + " " + response.getKey() + ": no description");
                }
                resolved.path("content").fields().forEachRemaining(media -> {
                    if (!media.getValue().has("schema")) {
                        problems.add(name + " " + response.getKey() + " " + media.getKey() + ": no schema");
                    }
                });
            });
            resolve(doc, op.path("requestBody")).path("content").fields().forEachRemaining(media -> {
                if (!media.getValue().has("schema")) {
                    problems.add(name + " request " + media.getKey() + ": no schema");
                }
            });
        }
        problems.addAll(unusedComponents(doc));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyExampleFitsItsSchema() {
        JsonNode doc = document();
        List<String> problems = new ArrayList<>();
        collectMediaExamples(doc, doc, "", problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void answersFitTheSchemasTheDescriptionPublishes() {
        ContractCheck contract = new ContractCheck(document());
        HttpResponse<String> created = postJson("/api/v1/referrals", AILE_KEY,
                sample("aile/valid/AILE-20261120-006.json"));
        contract.check("POST", "/api/v1/referrals", created);
        String referral = Json.read(created.body()).get("referralId").asText();
        contract.check("POST", "/api/v1/referrals",
                postJson("/api/v1/referrals", AILE_KEY, sample("aile/valid/AILE-20261120-006.json")));
        contract.check("POST", "/api/v1/referrals",
                postJson("/api/v1/referrals", AILE_KEY, sample("aile/invalid/missing-birthDate.json")));
        contract.check("POST", "/api/v1/referrals",
                postJson("/api/v1/referrals", AILE_KEY, sample("aile/invalid/truncated-body.json")));
        contract.check("POST", "/api/v1/referrals",
                postJson("/api/v1/referrals", null, sample("aile/valid/AILE-20261120-006.json")));
        contract.check("POST", "/api/v1/referrals",
                postJson("/api/v1/referrals", ML_VAL_ORGE_KEY, sample("aile/valid/AILE-20261120-006.json")));
        contract.check("POST", "/api/v1/referrals",
                postJson("/api/v1/referrals", AILE_KEY, new byte[300_000]));
        String reused = new String(sample("aile/valid/AILE-20261120-006.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"firstName\": \"[^\"]+\"", "\"firstName\": \"Autre\"")
                .replaceFirst("\"birthDate\": \"[0-9-]+\"", "\"birthDate\": \"1961-01-01\"")
                .replaceFirst("\"nir\": \"[0-9AB]+\"", "\"nir\": null");
        HttpResponse<String> conflict = postJson("/api/v1/referrals", AILE_KEY, reused.getBytes(StandardCharsets.UTF_8));
        assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
        contract.check("POST", "/api/v1/referrals", conflict);
        contract.check("GET", "/api/v1/referrals/{id}", get("/api/v1/referrals/" + referral, AILE_KEY));
        contract.check("GET", "/api/v1/referrals/{id}", get("/api/v1/referrals/" + referral, ML_VAL_ORGE_KEY));

        String beneficiary = referNewPersonAsAile(AileReferral.newPerson());
        contract.check("GET", "/api/v1/beneficiaries/{id}", get("/api/v1/beneficiaries/" + beneficiary, PROGRAMME_KEY));
        contract.check("GET", "/api/v1/beneficiaries/{id}", get("/api/v1/beneficiaries/" + beneficiary, AILE_KEY));
        contract.check("GET", "/api/v1/beneficiaries",
                get("/api/v1/beneficiaries?partner=aile&key=AILE-20261120-006", PROGRAMME_KEY));
        contract.check("GET", "/api/v1/beneficiaries",
                get("/api/v1/beneficiaries?partner=aile&key=nobody", PROGRAMME_KEY));
        String events = "/api/v1/beneficiaries/" + beneficiary + "/events";
        for (String event : List.of("{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true}",
                "{\"type\":\"REFERENT_ASSIGNED\",\"referent\":{\"firstName\":\"Awa\",\"lastName\":\"Diop\"}}",
                "{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}",
                "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\",\"note\":\"pas de permis\"}",
                "{\"type\":\"BARRIER_RESOLVED\",\"barrier\":\"SANTE\"}",
                "{\"type\":\"TELEPORTED\"}")) {
            contract.check("POST", "/api/v1/beneficiaries/{id}/events",
                    postJson(events, PROGRAMME_KEY, event.getBytes(StandardCharsets.UTF_8)));
        }
        contract.check("GET", "/api/v1/beneficiaries/{id}/journey",
                get("/api/v1/beneficiaries/" + beneficiary + "/journey", PROGRAMME_KEY));
        contract.check("GET", "/api/v1/beneficiaries/{id}/handoffs",
                get("/api/v1/beneficiaries/" + beneficiary + "/handoffs", PROGRAMME_KEY));

        HttpResponse<String> pending = get("/api/v1/handoffs?status=PENDING&limit=5", AILE_KEY);
        contract.check("GET", "/api/v1/handoffs", pending);
        assertThat(Json.read(pending.body()).get("handoffs").size()).isBetween(1, 5);
        String handoff = Json.read(pending.body()).get("handoffs").get(0).get("handoffId").asText();
        contract.check("POST", "/api/v1/handoffs/{id}/ack", acknowledge(handoff, AILE_KEY));
        contract.check("POST", "/api/v1/handoffs/{id}/ack", acknowledge(handoff, ML_VAL_ORGE_KEY));
        contract.check("GET", "/api/v1/handoffs", get("/api/v1/handoffs?status=ACKNOWLEDGED", AILE_KEY));
        contract.check("GET", "/api/v1/handoffs", get("/api/v1/handoffs?status=LOST", AILE_KEY));

        contract.check("GET", "/api/v1/ops/handoffs", getAsOperator("/api/v1/ops/handoffs?status=ACKNOWLEDGED"));
        contract.check("GET", "/api/v1/ops/handoffs", get("/api/v1/ops/handoffs", null));
        contract.check("GET", "/api/v1/ops/handoffs", getAsOperator("/api/v1/ops/handoffs?status=LOST"));
        contract.check("POST", "/api/v1/ops/handoffs/{id}/replay", replay(handoff));
        contract.check("POST", "/api/v1/ops/handoffs/{id}/replay", replay(UUID.randomUUID().toString()));
        contract.check("GET", "/api/v1/ops/identity-reviews", getAsOperator("/api/v1/ops/identity-reviews"));
        contract.check("POST", "/api/v1/ops/identity-reviews/{id}/reject",
                postAsOperator("/api/v1/ops/identity-reviews/" + UUID.randomUUID() + "/reject"));
        contract.check("POST", "/api/v1/ops/merges/{id}/undo",
                postAsOperator("/api/v1/ops/merges/" + UUID.randomUUID() + "/undo"));

        HttpResponse<String> journal = getAsOperator("/api/v1/ops/journal?kind=MESSAGE&referralId=" + referral);
        contract.check("GET", "/api/v1/ops/journal", journal);
        contract.check("GET", "/api/v1/ops/journal", getAsOperator("/api/v1/ops/journal?beneficiaryId=nope"));
        contract.check("GET", "/api/v1/ops/journal", getAsOperator("/api/v1/ops/journal?status=LOST"));
        String message = Json.read(journal.body()).get("entries").get(0).get("id").asText();
        contract.check("GET", "/api/v1/ops/journal/messages/{id}", getAsOperator("/api/v1/ops/journal/messages/" + message));
        contract.check("GET", "/api/v1/ops/journal/messages/{id}",
                getAsOperator("/api/v1/ops/journal/messages/" + UUID.randomUUID()));
        contract.check("GET", "/api/v1/ops/journal/messages/{id}/payload",
                getAsOperator("/api/v1/ops/journal/messages/" + message + "/payload"));
        contract.check("POST", "/api/v1/ops/journal/messages/{id}/replay",
                postAsOperator("/api/v1/ops/journal/messages/" + message + "/replay"));
        contract.check("POST", "/api/v1/ops/replay-jobs",
                postAsOperator("/api/v1/ops/replay-jobs?kind=MESSAGE&partner=nobody&dryRun=true"));
        contract.check("POST", "/api/v1/ops/replay-jobs", postAsOperator("/api/v1/ops/replay-jobs?dryRun=true"));
        HttpResponse<String> emptyJob = postAsOperator("/api/v1/ops/replay-jobs?kind=MESSAGE&partner=nobody");
        contract.check("POST", "/api/v1/ops/replay-jobs", emptyJob);
        String job = Json.read(emptyJob.body()).get("id").asText();
        contract.check("GET", "/api/v1/ops/replay-jobs/{id}", getAsOperator("/api/v1/ops/replay-jobs/" + job));
        contract.check("POST", "/api/v1/ops/replay-jobs/{id}/cancel",
                postAsOperator("/api/v1/ops/replay-jobs/" + job + "/cancel"));
        contract.check("POST", "/api/v1/ops/replay-jobs/{id}/pause",
                postAsOperator("/api/v1/ops/replay-jobs/" + UUID.randomUUID() + "/pause"));

        String name = "export-imilo-openapi-" + System.nanoTime() + ".csv";
        PayloadOutcome file = payloads.receive(new IntakeSource("ml-val-orge", "SFTP_PUSH", "openapi-contract-test",
                "ml-val-orge/imilo-export.v1"), name, sample("ml-val-orge/invalid/row-3-birth-date-31-02-row-5-no-last-name.csv"));
        contract.check("GET", "/api/v1/files", get("/api/v1/files?limit=1", ML_VAL_ORGE_KEY));
        contract.check("GET", "/api/v1/files", get("/api/v1/files?after=nope", ML_VAL_ORGE_KEY));
        contract.check("GET", "/api/v1/files/{id}", get("/api/v1/files/" + file.inboundFileId(), ML_VAL_ORGE_KEY));
        contract.check("GET", "/api/v1/files/{id}", get("/api/v1/files/" + file.inboundFileId(), AILE_KEY));
        contract.check("GET", "/api/v1/files/{id}/reject-report",
                get("/api/v1/files/" + file.inboundFileId() + "/reject-report", ML_VAL_ORGE_KEY));
        contract.check("GET", "/api/v1/openapi.json", get("/api/v1/openapi.json", null));

        assertThat(contract.problems()).isEmpty();
        assertThat(contract.checked()).hasSizeGreaterThanOrEqualTo(18);
    }

    private static boolean declaresPathParameter(JsonNode doc, JsonNode op, String name) {
        for (JsonNode parameter : op.path("parameters")) {
            JsonNode resolved = resolve(doc, parameter);
            if (resolved.path("in").asText().equals("path") && resolved.path("name").asText().equals(name)
                    && resolved.path("required").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = doc.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private static List<String> unusedComponents(JsonNode doc) {
        Set<String> referenced = new HashSet<>();
        Matcher refs = Pattern.compile("\"\\$ref\":\"(#/components/[^\"]+)\"").matcher(doc.toString());
        while (refs.find()) {
            referenced.add(refs.group(1));
        }
        doc.path("components").path("schemas").path("JourneyEventRequest").path("discriminator").path("mapping")
                .forEach(target -> referenced.add(target.asText()));
        List<String> unused = new ArrayList<>();
        doc.path("components").fields().forEachRemaining(kind -> {
            if (!kind.getKey().equals("securitySchemes")) {
                kind.getValue().fieldNames().forEachRemaining(component -> {
                    if (!referenced.contains("#/components/" + kind.getKey() + "/" + component)) {
                        unused.add("unused component " + kind.getKey() + "/" + component);
                    }
                });
            }
        });
        return unused;
    }

    /** Every media type's example(s), validated against its schema (Redocly: no-invalid-media-type-examples). */
    private static void collectMediaExamples(JsonNode doc, JsonNode node, String pointer, List<String> problems) {
        if (node.isObject()) {
            if (node.has("schema") && (node.has("example") || node.has("examples")) && !pointer.contains("/parameters/")) {
                String schemaPointer = pointer + "/schema";
                List<JsonNode> examples = new ArrayList<>();
                if (node.has("example")) {
                    examples.add(node.get("example"));
                }
                node.path("examples").forEach(example -> examples.add(resolve(doc, example).path("value")));
                boolean text = pointer.contains("text~1csv");
                for (JsonNode example : examples) {
                    ContractCheck.violations(schemaPointer, text ? Json.read("\"" + example.asText()
                                    .replace("\n", "\\n") + "\"") : example)
                            .forEach(violation -> problems.add(pointer + ": " + violation));
                }
            }
            node.fields().forEachRemaining(field -> collectMediaExamples(doc, field.getValue(),
                    pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), problems));
        }
    }

    /** The hub's answers, each checked against the response its description publishes for that status. */
    static final class ContractCheck {

        private final JsonNode doc;
        private final List<String> problems = new ArrayList<>();
        private final List<String> checked = new ArrayList<>();

        ContractCheck(JsonNode doc) {
            this.doc = doc;
        }

        void check(String method, String path, HttpResponse<String> answer) {
            String name = method + " " + path + " → " + answer.statusCode();
            checked.add(name);
            String operation = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method.toLowerCase();
            JsonNode response = doc.at(operation + "/responses/" + answer.statusCode());
            String responsePointer = operation + "/responses/" + answer.statusCode();
            if (response.isMissingNode()) {
                problems.add(name + ": status not described (" + answer.body() + ")");
                return;
            }
            if (response.has("$ref")) {
                responsePointer = response.get("$ref").asText().substring(1);
                response = resolve(doc, response);
            }
            String type = answer.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
            if (!response.has("content")) {
                return;
            }
            JsonNode media = response.path("content").path(type);
            if (media.isMissingNode()) {
                problems.add(name + ": content type " + type + " not described");
                return;
            }
            if (!type.endsWith("json")) {
                return;
            }
            String schema = responsePointer + "/content/" + type.replace("/", "~1") + "/schema";
            violations(schema, Json.read(answer.body())).forEach(violation -> problems.add(name + ": " + violation));
        }

        static List<String> violations(String schemaPointer, JsonNode value) {
            return PublishedContract.violations(schemaPointer, value);
        }

        List<String> problems() {
            return problems;
        }

        List<String> checked() {
            return checked;
        }
    }
}
