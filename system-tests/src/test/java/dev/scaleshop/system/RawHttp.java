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

    /** A connection to {@code base} that has sent {@code head} with Host and {@code Connection: close}. */
    private static Socket connect(String base, String head) throws IOException {
        URI uri = URI.create(base);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        try {
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
