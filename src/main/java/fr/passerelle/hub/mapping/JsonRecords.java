package fr.passerelle.hub.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads JSON payloads into source records addressed by dotted paths ({@code beneficiary.birthDate}). */
public final class JsonRecords {

    // SECURITY: bounded nesting and string sizes; partner JSON is hostile until proven otherwise.
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(100_000).maxNumberLength(40).build());
    }

    private JsonRecords() {
    }

    public static List<SourceRecord> read(MappingDefinition mapping, byte[] payload) {
        JsonNode root = parse(payload);
        if (mapping.recordsPath() == null) {
            if (!root.isObject()) {
                throw new UnusablePayloadException("JSON_INATTENDU", "un objet JSON est attendu");
            }
            return List.of(new JsonRecord(root, 1));
        }
        JsonNode list = navigate(root, mapping.recordsPath());
        if (list == null || !list.isArray()) {
            throw new UnusablePayloadException("JSON_INATTENDU", "liste « " + mapping.recordsPath() + " » absente");
        }
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            records.add(new JsonRecord(list.get(i), i + 1));
        }
        return records;
    }

    public static JsonNode parse(byte[] payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            if (root == null || root.isMissingNode()) {
                throw new UnusablePayloadException("JSON_MALFORME", "corps JSON vide");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new UnusablePayloadException("JSON_MALFORME", "JSON malformé : " + e.getOriginalMessage()
                    + " (ligne " + e.getLocation().getLineNr() + ", colonne " + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw new UnusablePayloadException("JSON_MALFORME", "JSON illisible", e);
        }
    }

    static JsonNode navigate(JsonNode node, String path) {
        JsonNode current = node;
        for (String step : path.split("\\.")) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(step);
        }
        return current;
    }

    private record JsonRecord(JsonNode node, int position) implements SourceRecord {
        @Override
        public List<String> values(String source) {
            JsonNode value = navigate(node, source);
            if (value == null || value.isNull() || value.isMissingNode() || value.isObject()) {
                return List.of();
            }
            if (value.isArray()) {
                List<String> values = new ArrayList<>();
                value.forEach(item -> {
                    if (item.isValueNode() && !item.isNull()) {
                        values.add(item.asText());
                    }
                });
                return values;
            }
            return List.of(value.asText());
        }
    }
}
