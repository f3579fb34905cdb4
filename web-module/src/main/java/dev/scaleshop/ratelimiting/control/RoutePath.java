package dev.scaleshop.ratelimiting.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The path a route policy is matched against: the request URI as JAX-RS resolves it, not as the client
 * spelled it. JAX-RS ignores matrix parameters ({@code ;x=1}) and a trailing {@code /}, and matches the
 * decoded path, so {@code /api/v1/auth/token/}, {@code /api/v1/auth/token;x=1}, {@code /api/v1//auth/token}
 * and {@code /api/v1/auth/%74oken} all reach the login resource — and all must meet the login policy, not
 * the anonymous one (issue 17: each variant used to escape its route's policy).
 */
public final class RoutePath {

    private RoutePath() {
    }

    /** Segments without matrix parameters, percent-decoded once, empty and "." segments dropped, ".." applied. */
    public static String of(String requestUri) {
        if (plain(requestUri)) {
            return requestUri; // nearly every request: nothing to resolve, nothing to allocate
        }
        List<String> segments = new ArrayList<>();
        for (String raw : requestUri.split("/")) {
            int matrix = raw.indexOf(';');
            String segment = decoded(matrix < 0 ? raw : raw.substring(0, matrix));
            if (segment.isEmpty() || ".".equals(segment)) {
                continue;
            }
            if ("..".equals(segment)) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(segment);
        }
        return "/" + String.join("/", segments);
    }

    private static boolean plain(String uri) {
        return uri.indexOf(';') < 0 && uri.indexOf('%') < 0 && !uri.contains("//") && !uri.contains("/.")
                && (uri.length() == 1 || !uri.endsWith("/"));
    }

    /** Percent-decoding as a path segment is decoded ('+' stays '+'); a malformed escape leaves the segment as sent. */
    private static String decoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
            if (low < 0) {
                return segment;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
