package fr.passerelle.hub.handoff;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.passerelle.hub.handoff.channel.HandoffChannel;
import fr.passerelle.hub.handoff.channel.WebhookChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A partner's webhook endpoint, for real: a JDK HTTP server on a free port that checks the HMAC signature over the
 * exact bytes received, counts accepted deliveries by handoff id, and can be "down" (answers too late, then 503).
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final String secret;
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile boolean down;

    public WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/passerelle/handoffs", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/passerelle/handoffs";
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    /** Accepted deliveries by handoff id. */
    public Map<String, Integer> deliveries() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        accepted.forEach((id, count) -> counts.put(id, count.get()));
        return counts;
    }

    int deliveries(String handoffId) {
        AtomicInteger count = accepted.get(handoffId);
        return count == null ? 0 : count.get();
    }

    String body(String handoffId) {
        return bodies.get(handoffId);
    }

    int refused() {
        return refused.get();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (down) {
                refused.incrementAndGet();
                sleep(1500);
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String signature = exchange.getRequestHeaders().getFirst(WebhookChannel.SIGNATURE_HEADER);
            String expected = "sha256=" + WebhookChannel.sign(secret, body);
            if (signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII))) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String id = exchange.getRequestHeaders().getFirst(HandoffChannel.HANDOFF_ID_HEADER);
            accepted.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            bodies.put(id, new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
