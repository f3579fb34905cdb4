package dev.scaleshop.platform.control;

import java.io.InputStream;
import java.io.Reader;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P factory methods of {@link jakarta.json.Json} on a provider looked up once. Each
 * {@code Json.create…()} call runs {@link JsonProvider#provider()}: a {@code ServiceLoader} scan of the
 * EAR's and the server's class loaders (7 % of a checkout's CPU samples, issue 16), or, where the
 * {@code jakarta.json.provider} system property names the provider (the stack sets it), a new provider.
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonObjectBuilder createObjectBuilder(JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    public static JsonReader createReader(InputStream in) {
        return PROVIDER.createReader(in);
    }
}
