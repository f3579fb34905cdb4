package dev.scaleshop.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HTTP/1.1 over a plain socket, for requests a refusing server answers before their body is through: the
 * client writes its body on one thread while it reads the answer on another, as a real uploader that is
 * refused midway. {@code java.net.http} cannot do that: it writes the whole body before it reads, so when
 * HAProxy answers 413 on the declared length and closes, the client may see a reset instead of the 413
 * (and with {@code Expect: 100-continue} JDK 17's client waits forever for a 100 that never comes).
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * POSTs {@code length} bytes of filler (JSON-looking spaces after a {@code [}) while reading the answer.
     *
     * @param headers further header lines, each ending in CRLF (Content-Type, Authorization…)
     * @return the answer's head and body as text (at most 64 KiB)
     */
    static String postFiller(String base, String path, String headers, long length, boolean chunked) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\n" + headers
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n");
        try (Socket socket = connect(base, head)) {
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> writeFiller(out, length, chunked));
            writer.start();
            try {
                return readAnswer(socket);
            } finally {
                socket.shutdownOutput();
                writer.interrupt();
            }
        }
    }

    /** An answer read off the wire: status, Content-Type (empty if none) and the body, de-chunked. */
    record Answer(int status, String contentType, String body) {
    }

    /**
     * Any request, its body (sent with Content-Length) written while the answer is read: the answer of a server
     * that refuses or answers before reading the whole body arrives instead of a broken pipe.
     *
     * @param source  the loopback address the connection leaves from (another client to HAProxy), or null
     * @param headers further headers (no Host, Connection or Content-Length: this method sets those)
     */
    static Answer send(String source, String base, String method, String target, java.util.Map<String, String> headers,
                       byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0 || !"GET".equals(method)) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        try (Socket socket = connect(source, base, head.toString())) {
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException refusedMidway) {
                    // the server answered and closed: what a refused client sees
                }
            });
            writer.start();
            try {
                return parse(socket.getInputStream());
            } finally {
                writer.interrupt();
            }
        }
    }

    private static Answer parse(java.io.InputStream raw) throws IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(raw));
        String statusLine = line(in);
        if (!statusLine.startsWith("HTTP/")) {
            throw new IOException("no answer: the connection closed" + (statusLine.isEmpty() ? "" : " after '" + statusLine + "'"));
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        String contentType = "";
        long length = -1;
        boolean chunked = false;
        for (String header; !(header = line(in)).isEmpty(); ) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-type" -> contentType = value;
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                default -> { }
            }
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        if (chunked) {
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; line(in)) {
                body.write(in.readNBytes(size));
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) Math.min(length, 1 << 20)));
        } else {
            body.write(in.readNBytes(1 << 20));
        }
        return new Answer(status, contentType, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(java.io.DataInputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends the request head and a body already framed, then reads the answer. */
    static String exchange(String base, String head, byte[] body) throws IOException {
        try (Socket socket = connect(base, head)) {
            OutputStream out = socket.getOutputStream();
            out.write(body);
            out.flush();
            return readAnswer(socket);
        }
    }

    /** One chunk holding {@code text}, then the last chunk. */
    static byte[] chunked(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return (Integer.toHexString(data.length) + "\r\n" + text + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A connection to {@code base} (from {@code source}, if named) that has sent {@code head} with Host and {@code Connection: close}. */
    private static Socket connect(String base, String head) throws IOException {
        return connect(null, base, head);
    }

    private static Socket connect(String source, String base, String head) throws IOException {
        URI uri = URI.create(base);
        Socket socket = new Socket();
        try {
            if (source != null) {
                socket.bind(new java.net.InetSocketAddress(source, 0));
            }
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write((head + "Host: " + uri.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void writeFiller(OutputStream out, long length, boolean chunked) {
        byte[] piece = new byte[64 * 1024];
        Arrays.fill(piece, (byte) ' ');
        piece[0] = '[';
        try {
            for (long sent = 0; sent < length && !Thread.currentThread().isInterrupted(); sent += piece.length) {
                int n = (int) Math.min(piece.length, length - sent);
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(piece, 0, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                piece[0] = ' ';
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException refusedMidway) {
            // the server answered and closed: what a refused client sees
        }
    }

    private static String readAnswer(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder answer = new StringBuilder();
        for (String line; (line = in.readLine()) != null && answer.length() < 64 * 1024; ) {
            answer.append(line).append('\n');
        }
        return answer.toString();
    }
}
