package fr.passerelle.hub.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.passerelle.hub.testsupport.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * data·inclusion's API as a real HTTP server on a free port: {@code GET /api/v1/structures} and {@code /services},
 * filtered by {@code code_departement} (on each record's {@code code_insee}), paged by {@code page} and
 * {@code size} as the API does ({@code {items, total, page, size, pages}}), behind a bearer token.
 */
final class FakeDataInclusionApi implements AutoCloseable {

    static final String TOKEN = "test-data-inclusion-token";

    record Request(String path, Map<String, String> query, String authorization, int status) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, List<ObjectNode>> records = new LinkedHashMap<>();
    private volatile String acceptedToken = TOKEN;

    FakeDataInclusionApi(List<ObjectNode> structures, List<ObjectNode> services) {
        records.put("structures", new CopyOnWriteArrayList<>(structures));
        records.put("services", new CopyOnWriteArrayList<>(services));
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/", this::answer);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    /** data·inclusion now publishes this record in place of the one with the same id. */
    void publish(String resource, ObjectNode record) {
        List<ObjectNode> list = records.get(resource);
        list.removeIf(existing -> existing.get("id").asText().equals(record.get("id").asText()));
        list.add(record);
    }

    /** The hub's token is no longer accepted. */
    void revokeToken() {
        acceptedToken = "another-token";
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String resource = path.substring(path.lastIndexOf('/') + 1);
        int status;
        byte[] body;
        if (!("Bearer " + acceptedToken).equals(authorization)) {
            status = 401;
            body = "{\"detail\":\"Not authenticated\"}".getBytes(StandardCharsets.UTF_8);
        } else if (!records.containsKey(resource)) {
            status = 404;
            body = "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);
        } else {
            status = 200;
            body = page(records.get(resource), query);
        }
        requests.add(new Request(path, query, authorization, status));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static byte[] page(List<ObjectNode> all, Map<String, String> query) {
        String departement = query.get("code_departement");
        List<ObjectNode> selected = new ArrayList<>();
        for (ObjectNode record : all) {
            JsonNode insee = record.get("code_insee");
            if (departement == null || (insee != null && insee.asText().startsWith(departement))) {
                selected.add(record);
            }
        }
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int size = Integer.parseInt(query.getOrDefault("size", "50"));
        ObjectNode answer = Json.object();
        ArrayNode items = answer.putArray("items");
        selected.stream().skip((long) (page - 1) * size).limit(size).forEach(items::add);
        answer.put("total", selected.size()).put("page", page).put("size", items.size())
                .put("pages", (selected.size() + size - 1) / size);
        return Json.bytes(answer);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
