package dev.scaleshop.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.core.throttle.Throttler;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * TCP proxies that add latency between hosts, for {@code bench/db-latency.sh} (this machine's kernel has no netem):
 * NetCrusher's proxies, each delaying every chunk of data by the same one-way delay in both directions, so a
 * round trip through one costs twice the delay more.
 *
 * <p>Arguments: one {@code listen-host:port=bind-host>target-host:port} per proxy — it listens on the first
 * address and connects to the target from {@code bind-host} (the client's own host: the server's access rules
 * see the address they expect). Standard input takes {@code delay <microseconds>} (one way; 0 to start with),
 * answered {@code ok}; it prints {@code ready} once every proxy listens, and stops when standard input closes.
 */
public final class LatencyProxy {

    private LatencyProxy() {
    }

    public static void main(String[] args) throws Exception {
        AtomicLong delayNanos = new AtomicLong();
        Throttler delay = buffer -> delayNanos.get() == 0 ? Throttler.NO_DELAY_NS : delayNanos.get();
        List<TcpCrusher> proxies = new ArrayList<>();
        try (NioReactor reactor = new NioReactor()) {
            for (String spec : args) {
                String[] listenRest = spec.split("=", 2);
                String[] bindTarget = listenRest[1].split(">", 2);
                String[] listen = hostPort(listenRest[0]);
                String[] target = hostPort(bindTarget[1]);
                proxies.add(TcpCrusherBuilder.builder()
                        .withReactor(reactor)
                        .withBindAddress(listen[0], Integer.parseInt(listen[1]))
                        .withConnectAddress(target[0], Integer.parseInt(target[1]))
                        .withBindBeforeConnectAddress(bindTarget[0], 0)
                        .withTcpNoDelay(true)
                        .withIncomingThrottlerFactory(client -> delay)
                        .withOutgoingThrottlerFactory(client -> delay)
                        .buildAndOpen());
            }
            System.out.println("ready");
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                String[] command = line.trim().split("\\s+");
                if (command.length == 2 && command[0].equals("delay")) {
                    delayNanos.set(TimeUnit.MICROSECONDS.toNanos(Long.parseLong(command[1])));
                    System.out.println("ok");
                } else {
                    System.out.println("unknown command: " + line);
                }
            }
        } finally {
            proxies.forEach(TcpCrusher::close);
        }
    }

    private static String[] hostPort(String address) {
        int colon = address.lastIndexOf(':');
        return new String[] {address.substring(0, colon), address.substring(colon + 1)};
    }
}
