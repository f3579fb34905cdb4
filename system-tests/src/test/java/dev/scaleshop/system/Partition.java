package dev.scaleshop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network fault between two simulated hosts: every packet from one address to the other, both ways, dropped on
 * {@code lo} (iptables chain {@value #CHAIN}, jumped to first from INPUT). Closing heals it; a JVM that ends with
 * a partition still in place removes the chain (shutdown hook), and {@code stack down} removes it too.
 */
final class Partition implements AutoCloseable {

    static final String CHAIN = "SCALESHOP-PARTITION";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Partition::removeChain));
    }

    private final List<String[]> rules = new ArrayList<>();
    private final String description;

    private Partition(String a, String b) {
        this.description = a + " <-/-> " + b;
        ensureChain();
        for (String[] pair : new String[][] {{a, b}, {b, a}}) {
            String[] rule = {"-s", pair[0], "-d", pair[1], "-j", "DROP"};
            iptables(concat(new String[] {"-A", CHAIN}, rule));
            rules.add(rule);
        }
    }

    /** Cuts every connection between the hosts at these addresses until closed. */
    static Partition between(String a, String b) {
        return new Partition(a, b);
    }

    @Override
    public void close() {
        for (String[] rule : rules) {
            iptables(concat(new String[] {"-D", CHAIN}, rule));
        }
        rules.clear();
    }

    @Override
    public String toString() {
        return description;
    }

    private static synchronized void ensureChain() {
        if (run("-n", "-L", CHAIN) != 0) {
            iptables("-N", CHAIN);
        }
        if (run("-C", "INPUT", "-i", "lo", "-j", CHAIN) != 0) {
            iptables("-I", "INPUT", "1", "-i", "lo", "-j", CHAIN);
        }
    }

    private static synchronized void removeChain() {
        if (run("-n", "-L", CHAIN) != 0) {
            return;
        }
        while (run("-D", "INPUT", "-i", "lo", "-j", CHAIN) == 0) {
            // every jump to it
        }
        run("-F", CHAIN);
        run("-X", CHAIN);
    }

    private static void iptables(String... arguments) {
        if (run(arguments) != 0) {
            throw new IllegalStateException("iptables " + String.join(" ", arguments) + " failed");
        }
    }

    private static int run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("iptables did not finish: " + command);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
