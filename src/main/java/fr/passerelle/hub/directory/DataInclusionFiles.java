package fr.passerelle.hub.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads data·inclusion records as published: a JSON array (the open data export), a JSON page of the API
 * ({@code {"items": […], …}}), or CSV with a header row of the schema's field names. CSV cells are given the
 * schema's types: lists (a JSON array, or values separated by commas), numbers; an empty cell is no value. A file
 * that is none of these is refused as a whole; a record's own problems are for the schema to find.
 */
final class DataInclusionFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DataInclusionFiles() {
    }

    static List<JsonNode> read(String origin, byte[] content, JsonNode schema) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String start = text.stripLeading();
        if (start.startsWith("[") || start.startsWith("{")) {
            return json(origin, start);
        }
        return csv(origin, text, schema.path("properties"));
    }

    private static List<JsonNode> json(String origin, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidDirectoryException(origin, "unreadable JSON (line " + e.getLocation().getLineNr() + ")");
        }
        JsonNode items = root.isArray() ? root : root.get("items");
        if (items == null || !items.isArray()) {
            throw new InvalidDirectoryException(origin, "expected a JSON array of records, or a page with items");
        }
        List<JsonNode> records = new ArrayList<>();
        items.forEach(records::add);
        return records;
    }

    private static List<JsonNode> csv(String origin, String text, JsonNode properties) {
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = firstLine.chars().filter(c -> c == ';').count() > firstLine.chars().filter(c -> c == ',').count()
                ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            if (!parser.getHeaderMap().containsKey("id")) {
                throw new InvalidDirectoryException(origin, "expected a CSV header naming the schema's fields (no 'id')");
            }
            List<JsonNode> records = new ArrayList<>();
            for (CSVRecord row : parser) {
                ObjectNode record = JSON.createObjectNode();
                for (Map.Entry<String, String> cell : row.toMap().entrySet()) {
                    if (cell.getValue() != null && !cell.getValue().isBlank()) {
                        record.set(cell.getKey(), typed(cell.getValue().trim(), properties.path(cell.getKey())));
                    }
                }
                records.add(record);
            }
            return records;
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new InvalidDirectoryException(origin, "unreadable CSV: " + e.getMessage());
        }
    }

    /** The cell as the schema's type for its field; left as text when it does not read as that type. */
    private static JsonNode typed(String cell, JsonNode property) {
        String type = type(property);
        if (type.equals("array")) {
            if (cell.startsWith("[")) {
                try {
                    JsonNode array = JSON.readTree(cell);
                    if (array.isArray()) {
                        return array;
                    }
                } catch (JsonProcessingException e) {
                    return JSON.getNodeFactory().textNode(cell);
                }
            }
            ArrayNode array = JSON.createArrayNode();
            Arrays.stream(cell.split(",")).map(String::trim).filter(value -> !value.isEmpty()).forEach(array::add);
            return array;
        }
        if (type.equals("number") || type.equals("integer")) {
            try {
                BigDecimal number = new BigDecimal(cell);
                return type.equals("integer") && number.scale() <= 0
                        ? JSON.getNodeFactory().numberNode(number.toBigInteger())
                        : JSON.getNodeFactory().numberNode(number);
            } catch (NumberFormatException e) {
                return JSON.getNodeFactory().textNode(cell);
            }
        }
        return JSON.getNodeFactory().textNode(cell);
    }

    private static String type(JsonNode property) {
        if (property.has("type")) {
            return property.get("type").asText();
        }
        for (JsonNode option : property.path("anyOf")) {
            String type = option.path("type").asText();
            if (!type.equals("null") && !type.isEmpty()) {
                return type;
            }
        }
        return "string";
    }
}
