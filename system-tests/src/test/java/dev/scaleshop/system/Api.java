package dev.scaleshop.system;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A client of the public API through HAProxy. Each instance has its own cookie jar, like one browser:
 * it sends back both JSESSIONID and JSESSIONIDVERSION, which Payara needs for session failover.
 */
final class Api {

    private final HttpClient http;
    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                // HTTP/1.1 as HAProxy speaks it: the default (HTTP/2) offers an h2c upgrade on a new connection, and a
                // POST with a body sent that way straight to an instance stalls until the client times out
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static Api throughHaproxy() {
        return new Api(Stack.get().baseUrl());
    }

    /** Set: requests leave from this source address (one connection each), not through the JDK's client. */
    private String sourceAddress;

    /**
     * Straight to an instance as HAProxy sends it, from the load balancer's own address: the one peer whose
     * X-Forwarded-For the application believes (a test names the client with that header).
     */
    static Api asLoadBalancer(String instanceUrl) {
        return from(Stack.get().property("scaleshop.haproxy.address"), instanceUrl);
    }

    /** From another loopback source address, as another host would be. */
    static Api from(String sourceAddress, String url) {
        Api api = new Api(url);
        api.sourceAddress = sourceAddress;
        return api;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** The password grant; fails the test unless it answers 200. */
    static jakarta.json.JsonObject login(Api api, String email, String password) {
        HttpResponse<String> response = api.postJson("/api/v1/auth/token", jakarta.json.Json.createObjectBuilder()
                .add("grant_type", "password").add("email", email).add("password", password).build().toString());
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + email + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /** A GET the HAProxy edge cache must pass on to an instance (request {@code Cache-Control: no-cache}). */
    HttpResponse<String> getFromOrigin(String path) {
        return get(path, "Cache-Control", "no-cache");
    }

    HttpResponse<String> get(String path, String header, String value) {
        return send(request(path).header(header, value).GET().build());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> postJson(String path, String json, String requestId) {
        return send(request(path).header("Content-Type", "application/json").header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> putText(String path, String text, String... headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(text));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    /** Any method, JSON body (or none), extra headers as name/value pairs. */
    HttpResponse<String> send(String method, String path, String json, String... headers) {
        HttpRequest.Builder builder = request(path).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    /** A POST of raw bytes (an image upload) with the given Content-Type and further headers. */
    HttpResponse<String> postBytes(String path, byte[] body, String contentType, String... headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    /** A GET whose answer is kept as bytes (PDFs, images). */
    HttpResponse<byte[]> getBytes(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static JsonObject json(HttpResponse<String> response) {
        return json(response.body());
    }

    static String servedBy(HttpResponse<String> response) {
        return response.headers().firstValue("X-Served-By").orElse("?");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        if (sourceAddress != null) {
            @SuppressWarnings("unchecked")
            HttpResponse<T> answer = (HttpResponse<T>) SourcedResponse.exchange(sourceAddress, request);
            return answer;
        }
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
