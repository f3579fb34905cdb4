package dev.scaleshop.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 requests from a chosen loopback source address (127.0.0.2, 127.0.0.3, ...): HAProxy then
 * sees another client, as it would another machine. The JDK's HttpClient cannot bind its local
 * address, so this speaks the protocol itself, one connection per request ({@code Connection: close}).
 */
final class FromAddress {

    private final String localAddress;
    private final URI base;

    FromAddress(String localAddress, String baseUrl) {
        this.localAddress = localAddress;
        this.base = URI.create(baseUrl);
    }

    record Answer(int status, String reason, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    Answer get(String path) {
        return send("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nConnection: close\r\n\r\n");
    }

    /** Any bytes as the request (a malformed one included); the answer as the server sent it. */
    Answer send(String request) {
        return roundTrip(request.lines().findFirst().orElse(""), request.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
    }

    /** One connection from the source address: the head and body written, the answer read to its end. */
    private Answer roundTrip(String what, byte[] head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(what + " from " + localAddress, e);
        }
    }

    /**
     * One request with a body and headers from the source address; the answer's body decoded (identity or
     * chunked transfer coding).
     */
    Answer exchange(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0 || !method.equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        Answer raw = roundTrip(method + " " + pathAndQuery, head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
        return "chunked".equalsIgnoreCase(raw.header("Transfer-Encoding"))
                ? new Answer(raw.status(), raw.reason(), raw.headers(), dechunk(raw.body()))
                : raw;
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        byte[] bytes = chunked.getBytes(StandardCharsets.UTF_8);
        int at = 0;
        while (true) {
            int lineEnd = indexOf(bytes, at);
            int size = Integer.parseInt(new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(new String(bytes, lineEnd + 2, size, StandardCharsets.UTF_8));
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("truncated chunked body");
    }

    /** Status line, headers, and the body up to the end of the connection (identity or chunked, unparsed). */
    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String[] statusLine = lines[0].split(" ", 3);
        return new Answer(Integer.parseInt(statusLine[1]), statusLine.length > 2 ? statusLine[2] : "", headers, text.substring(end + 4));
    }
}
