package dev.scaleshop.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** HAProxy's runtime API over its admin socket: one command per connection, the answer until HAProxy closes it. */
final class HaproxyRuntime {

    private final Path socket;

    HaproxyRuntime(Path socket) {
        this.socket = socket;
    }

    String command(String command) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            while (channel.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("HAProxy's admin socket " + socket + ": " + e.getMessage() + " (is HAProxy running?)");
        }
    }
}
