package dev.scaleshop.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a Unix socket server that answers as HAProxy's runtime API does: one command, the answer, then closed. */
class HaproxyRuntimeTest {

    @TempDir
    Path dir;

    @Test
    void aCommandGetsTheWholeAnswerUntilTheSocketCloses() throws Exception {
        Path socket = dir.resolve("admin.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> answer(server, "0x55d0 per-10s 800\n".repeat(5000)));
            String answer = new HaproxyRuntime(socket).command("show map /run/edge-limit.map");
            assertThat(received.get()).isEqualTo("show map /run/edge-limit.map\n");
            assertThat(answer).hasSize(19 * 5000).startsWith("0x55d0 per-10s 800\n");
        }
    }

    @Test
    void noHaproxyIsAnOperatorMessage() {
        assertThatThrownBy(() -> new HaproxyRuntime(dir.resolve("missing.sock")).command("show info"))
                .isInstanceOf(CliException.class).hasMessageContaining("is HAProxy running?");
    }

    private static String answer(ServerSocketChannel server, String reply) {
        try (SocketChannel client = server.accept()) {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            StringBuilder command = new StringBuilder();
            while (!command.toString().endsWith("\n") && client.read(buffer) >= 0) {
                command.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
                buffer.clear();
            }
            client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
            return command.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
