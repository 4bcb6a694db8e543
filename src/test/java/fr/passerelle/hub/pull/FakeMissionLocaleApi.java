package fr.passerelle.hub.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.PartnerSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Mission Locale's dossiers API as a real HTTP server on a free port: the dossiers of the two sample pages,
 * filtered by {@code modifiesDepuis} (inclusive) and paged by {@code taillePage}, behind a bearer token. Tests can
 * change a dossier, make the next answers fail, or replace a page with raw bytes.
 */
public final class FakeMissionLocaleApi implements AutoCloseable {

    public static final String TOKEN = "test-ml-api-token";

    /** One request as the partner saw it. */
    record Request(Map<String, String> query, String authorization, int status) {
        String since() {
            return query.get("modifiesDepuis");
        }

        String page() {
            return query.get("page");
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Integer> failures = new ConcurrentLinkedDeque<>();
    private final Map<Integer, byte[]> rawPages = new ConcurrentHashMap<>();
    private volatile List<ObjectNode> dossiers;

    public FakeMissionLocaleApi() {
        reset();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/dossiers", this::answer);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Back to the 16 dossiers of the samples, no scripted failure, nothing recorded. */
    void reset() {
        List<ObjectNode> loaded = new ArrayList<>();
        for (String page : List.of("dossiers-page-1.json", "dossiers-page-2.json")) {
            JsonNode root = Json.read(PartnerSamples.sample("ml-val-orge/api/" + page));
            root.get("dossiers").forEach(dossier -> loaded.add((ObjectNode) dossier.deepCopy()));
        }
        dossiers = sorted(loaded);
        failures.clear();
        rawPages.clear();
        requests.clear();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    /** The partner changes a dossier: it now carries these values and a new dateMiseAJour. */
    void update(String idDossier, Map<String, String> changes) {
        List<ObjectNode> updated = new ArrayList<>();
        for (ObjectNode dossier : dossiers) {
            ObjectNode copy = dossier.deepCopy();
            if (idDossier.equals(copy.get("idDossier").asText())) {
                changes.forEach(copy::put);
            }
            updated.add(copy);
        }
        dossiers = sorted(updated);
    }

    /** The next answers are these HTTP statuses, whatever is asked. */
    void failNext(int... statuses) {
        for (int status : statuses) {
            failures.add(status);
        }
    }

    /** Page {@code page} is answered with these bytes instead of the dossiers. */
    void servePageAs(int page, byte[] body) {
        rawPages.put(page, body);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        int status;
        byte[] body;
        Integer failure = failures.poll();
        if (!("Bearer " + TOKEN).equals(authorization)) {
            status = 401;
            body = "{\"erreur\":\"jeton invalide\"}".getBytes(StandardCharsets.UTF_8);
        } else if (failure != null) {
            status = failure;
            body = "{\"erreur\":\"indisponible\"}".getBytes(StandardCharsets.UTF_8);
        } else {
            int page = Integer.parseInt(query.getOrDefault("page", "1"));
            status = 200;
            body = rawPages.containsKey(page) ? rawPages.get(page) : page(query, page);
        }
        requests.add(new Request(query, authorization, status));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private byte[] page(Map<String, String> query, int page) throws IOException {
        int size = Integer.parseInt(query.getOrDefault("taillePage", "10"));
        OffsetDateTime since = query.containsKey("modifiesDepuis")
                ? OffsetDateTime.parse(query.get("modifiesDepuis")) : null;
        List<ObjectNode> selected = dossiers.stream()
                .filter(dossier -> since == null || !updatedAt(dossier).isBefore(since))
                .toList();
        int totalPages = (selected.size() + size - 1) / size;
        ObjectNode answer = Json.object();
        answer.put("page", page);
        answer.put("totalPages", totalPages);
        ArrayNode list = answer.putArray("dossiers");
        selected.stream().skip((long) (page - 1) * size).limit(size).forEach(list::add);
        return answer.toPrettyString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<ObjectNode> sorted(List<ObjectNode> dossiers) {
        return dossiers.stream().sorted(Comparator.comparing(FakeMissionLocaleApi::updatedAt)
                .thenComparing(dossier -> dossier.get("idDossier").asText())).toList();
    }

    private static OffsetDateTime updatedAt(JsonNode dossier) {
        return OffsetDateTime.parse(dossier.get("dateMiseAJour").asText());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
