package dev.scaleshop.paymentprovider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

/**
 * A stand-in for the card payment provider ScaleShop calls — outside the system, so the stack and the
 * tests run this real HTTP server instead. It behaves like a provider's API:
 * <ul>
 * <li>{@code POST /v1/authorizations} {@code {"amount": "12.34", "currency": "EUR", "reference": "…"}}
 * with an {@code Idempotency-Key} header → 201 {@code {"id", "status": "AUTHORIZED" | "DECLINED", …}};
 * the same key again returns the same authorization (never a second one). Amounts above 10,000 are
 * declined (insufficient funds).</li>
 * <li>{@code POST /v1/authorizations/{id}/capture}, {@code POST /v1/authorizations/{id}/refund}.</li>
 * <li>{@code GET /v1/authorizations?reference=…}: what was authorized for a reference (tests check
 * there is exactly one).</li>
 * </ul>
 * Its behaviour is switchable at run time, for failure tests: {@code PUT /control}
 * {@code {"latencyMs": 0, "errorRate": 0.0, "mode": "up" | "errors" | "hang"}} — added latency per
 * call, a share of calls answered 500, every call answered 503 (an outage that answers), or every
 * call held without an answer for a minute (an outage that does not). {@code GET /health} is never
 * affected.
 */
public final class PaymentProvider {

    private static final Logger LOG = Logger.getLogger(PaymentProvider.class.getName());
    private static final BigDecimal LIMIT = new BigDecimal("10000");
    /** One JSON provider: {@code Json.create…} looks it up with a ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /**
     * Authorizations are kept for the most recent {@value #RETAINED} keys, as a provider keeps idempotency keys
     * for a day and not for ever: kept without a bound, a benchmark's hundred thousand checkouts filled the
     * 64 MB heap and every call then paid for garbage collection (7 ms of CPU per authorization).
     */
    static final int RETAINED = 20_000;
    private final Map<String, JsonObject> byKey = recent();
    private final Map<String, JsonObject> byId = recent();

    private static Map<String, JsonObject> recent() {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JsonObject> eldest) {
                return size() > RETAINED;
            }
        });
    }
    private volatile Behaviour behaviour = new Behaviour(0, 0.0, "up");

    record Behaviour(long latencyMs, double errorRate, String mode) {
        JsonObject toJson() {
            return JSON.createObjectBuilder().add("latencyMs", latencyMs).add("errorRate", errorRate).add("mode", mode).build();
        }
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 17070;
        String address = args.length > 1 ? args[1] : "127.0.0.1";
        HttpServer server = new PaymentProvider().start(address, port);
        LOG.info(() -> "payment provider stand-in listening on " + server.getAddress());
    }

    /** Listens on {@code address} only (its host's address in the stack's topology). */
    HttpServer start(String address, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 200);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/health", exchange -> respond(exchange, 200, JSON.createObjectBuilder().add("status", "UP").build()));
        server.createContext("/control", this::control);
        server.createContext("/v1/authorizations", this::authorizations);
        server.start();
        return server;
    }

    private void control(HttpExchange exchange) throws IOException {
        if ("PUT".equals(exchange.getRequestMethod())) {
            JsonObject body = body(exchange);
            if (body == null) {
                respond(exchange, 400, error("a JSON object is required"));
                return;
            }
            String mode = body.getString("mode", "up");
            if (!mode.equals("up") && !mode.equals("errors") && !mode.equals("hang")) {
                respond(exchange, 400, error("mode is up, errors or hang"));
                return;
            }
            behaviour = new Behaviour(body.getJsonNumber("latencyMs") == null ? 0 : body.getJsonNumber("latencyMs").longValue(),
                    body.getJsonNumber("errorRate") == null ? 0.0 : body.getJsonNumber("errorRate").doubleValue(), mode);
            LOG.info(() -> "behaviour now " + behaviour);
        }
        respond(exchange, 200, behaviour.toJson());
    }

    private void authorizations(HttpExchange exchange) throws IOException {
        Behaviour now = behaviour;
        if (!misbehave(exchange, now)) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/v1/authorizations") && method.equals("POST")) {
            authorize(exchange);
        } else if (path.equals("/v1/authorizations") && method.equals("GET")) {
            String reference = query(exchange, "reference");
            var found = JSON.createArrayBuilder();
            java.util.List<JsonObject> all;
            synchronized (byId) { // a synchronized map is iterated under its own lock
                all = new java.util.ArrayList<>(byId.values());
            }
            all.stream().filter(a -> a.getString("reference").equals(reference)).forEach(found::add);
            respond(exchange, 200, JSON.createObjectBuilder().add("items", found).build());
        } else if (method.equals("POST") && (path.endsWith("/capture") || path.endsWith("/refund"))) {
            String id = path.substring("/v1/authorizations/".length(), path.lastIndexOf('/'));
            JsonObject authorization = byId.get(id);
            if (authorization == null) {
                respond(exchange, 404, error("no authorization " + id));
                return;
            }
            JsonObject changed = JSON.createObjectBuilder(authorization)
                    .add("status", path.endsWith("/capture") ? "CAPTURED" : "REFUNDED").build();
            byId.put(id, changed);
            respond(exchange, 200, changed);
        } else {
            respond(exchange, 404, error("no such endpoint"));
        }
    }

    private void authorize(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        JsonObject body = body(exchange);
        if (key == null || key.isBlank() || body == null || !body.containsKey("amount") || !body.containsKey("currency")
                || !body.containsKey("reference")) {
            respond(exchange, 400, error("Idempotency-Key header and amount, currency, reference are required"));
            return;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(body.getString("amount"));
        } catch (RuntimeException e) {
            respond(exchange, 400, error("amount must be a decimal string"));
            return;
        }
        JsonObject authorization = byKey.computeIfAbsent(key, k -> {
            JsonObject created = JSON.createObjectBuilder()
                    .add("id", "auth_" + UUID.randomUUID())
                    .add("status", amount.compareTo(LIMIT) > 0 ? "DECLINED" : "AUTHORIZED")
                    .add("amount", amount.toPlainString())
                    .add("currency", body.getString("currency"))
                    .add("reference", body.getString("reference"))
                    .build();
            byId.put(created.getString("id"), created);
            return created;
        });
        respond(exchange, 201, authorization);
    }

    /** Applies the configured misbehaviour; false when the call was answered (or dropped) by it. */
    private static boolean misbehave(HttpExchange exchange, Behaviour now) throws IOException {
        switch (now.mode()) {
            case "errors" -> {
                respond(exchange, 503, error("provider outage"));
                return false;
            }
            case "hang" -> {
                sleep(60_000);
                exchange.close();
                return false;
            }
            default -> {
                // up: latency and random errors below
            }
        }
        if (now.latencyMs() > 0) {
            sleep(now.latencyMs());
        }
        if (now.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < now.errorRate()) {
            respond(exchange, 500, error("provider error"));
            return false;
        }
        return true;
    }

    private static JsonObject body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            return JSON.createReader(new StringReader(text)).readObject();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    private static JsonObject error(String message) {
        return JSON.createObjectBuilder().add("error", message).build();
    }

    private static void respond(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
