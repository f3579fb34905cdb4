package dev.scaleshop.admin;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;

/**
 * ScaleShop's admin REST API through the load balancer, as the stack's initial administrator (or with the
 * token in SCALESHOP_ADMIN_API_TOKEN). A 4xx or 5xx answer becomes the problem's detail.
 */
final class AdminApi {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final StackProperties stack;
    private String token;

    AdminApi(StackProperties stack) {
        this.stack = stack;
        this.baseUrl = stack.get("scaleshop.base.url");
    }

    /** The answer's JSON (an empty object for an empty body). */
    JsonStructure call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() >= 400) {
            throw new CliException(method + " " + path + ": " + response.statusCode() + " " + detail(response.body()));
        }
        return response.body().isBlank() ? JsonObject.EMPTY_JSON_OBJECT : parse(response.body());
    }

    private synchronized String token() {
        if (token == null) {
            String given = System.getenv("SCALESHOP_ADMIN_API_TOKEN");
            token = given != null && !given.isBlank() ? given : login();
        }
        return token;
    }

    private String login() {
        String body = Json.createObjectBuilder().add("grant_type", "password")
                .add("email", stack.get("scaleshop.identity.initial.admin.email"))
                .add("password", stack.read("scaleshop.identity.initial.admin.password.file")).build().toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/token"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new CliException("cannot log in as the initial administrator: " + response.statusCode() + " " + detail(response.body()));
        }
        return ((JsonObject) parse(response.body())).getString("access_token");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException(request.method() + " " + request.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** The problem's detail (RFC 9457), or the body as it came. */
    static String detail(String body) {
        try {
            JsonStructure json = parse(body);
            return json instanceof JsonObject problem && problem.containsKey("detail") ? problem.getString("detail") : body;
        } catch (RuntimeException notJson) {
            return body;
        }
    }

    static JsonStructure parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.read();
        }
    }
}
