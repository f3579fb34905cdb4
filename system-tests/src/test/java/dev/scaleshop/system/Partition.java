package dev.scaleshop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network fault between two simulated hosts: every packet from one address to the other, both ways, dropped on
 * {@code lo} (iptables chain {@value #CHAIN}, jumped to first from INPUT; {@value #OUT_CHAIN} from OUTPUT for a
 * {@link #processFrom process's} new connections). Closing heals it; a JVM that ends with a partition still in
 * place removes the chains (shutdown hook), and {@code stack down} removes them too.
 */
final class Partition implements AutoCloseable {

    static final String CHAIN = "SCALESHOP-PARTITION";
    static final String OUT_CHAIN = "SCALESHOP-PARTITION-OUT";
    /** The cgroup (v2) a {@link #processFrom cut-off process} is moved into while the partition holds. */
    private static final String CGROUP = "scaleshop-partition";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Partition::removeChain));
    }

    private final List<String[]> rules = new ArrayList<>();
    private final List<String[]> outRules = new ArrayList<>();
    private final String description;
    private boolean movedProcess;

    private Partition(String description) {
        this.description = description;
        ensureChain();
    }

    /** Cuts every connection between the hosts at these addresses until closed. */
    static Partition between(String a, String b) {
        Partition partition = new Partition(a + " <-/-> " + b);
        for (String[] pair : new String[][] {{a, b}, {b, a}}) {
            partition.add(new String[] {"-s", pair[0], "-d", pair[1], "-j", "DROP"});
        }
        return partition;
    }

    /**
     * Cuts one process off from one TCP service (address:port), both ways, when the addresses alone cannot: on this
     * machine every instance reaches the broker from 127.0.0.1 (Artemis's connector binds a source address only
     * with a fixed source port). Its open connections are dropped by their ports (from {@code ss}); its new ones
     * by its cgroup: the process is moved into a cgroup v2 group of its own, matched in OUTPUT (a socket keeps the
     * group it was created in, hence both). Closing moves it back and lifts the rules.
     */
    static Partition processFrom(long pid, String address, int port) {
        Partition partition = new Partition("pid " + pid + " <-/-> " + address + ":" + port);
        Path group = cgroupRoot().resolve(CGROUP);
        try {
            Files.createDirectories(group);
            Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move pid " + pid + " into the cgroup " + group, e);
        }
        partition.movedProcess = true;
        partition.outRules.add(new String[] {"-p", "tcp", "-m", "cgroup", "--path", CGROUP, "-d", address,
                "--dport", Integer.toString(port), "-j", "DROP"});
        iptables(concat(new String[] {"-A", OUT_CHAIN}, partition.outRules.get(0)));
        for (String[] local : openConnections(pid, address, port)) {
            partition.add(new String[] {"-p", "tcp", "-s", local[0], "--sport", local[1], "-d", address,
                    "--dport", Integer.toString(port), "-j", "DROP"});
            partition.add(new String[] {"-p", "tcp", "-s", address, "--sport", Integer.toString(port), "-d", local[0],
                    "--dport", local[1], "-j", "DROP"});
        }
        return partition;
    }

    private void add(String[] rule) {
        iptables(concat(new String[] {"-A", CHAIN}, rule));
        rules.add(rule);
    }

    @Override
    public void close() {
        for (String[] rule : rules) {
            iptables(concat(new String[] {"-D", CHAIN}, rule));
        }
        rules.clear();
        for (String[] rule : outRules) {
            iptables(concat(new String[] {"-D", OUT_CHAIN}, rule));
        }
        outRules.clear();
        if (movedProcess) {
            releaseCgroup();
            movedProcess = false;
        }
    }

    /** The local address and port of each established TCP connection of the process to address:port. */
    private static List<String[]> openConnections(long pid, String address, int port) {
        List<String[]> locals = new ArrayList<>();
        String output = output("ss", "-Htnp", "state", "established", "dst", address + ":" + port);
        for (String line : output.split("\n")) {
            if (line.contains("pid=" + pid + ",")) {
                String[] fields = line.trim().split("\\s+");
                String local = fields[2]; // Recv-Q Send-Q Local Peer Process; a Java socket shows [::ffff:127.0.0.1]:port
                String host = local.substring(0, local.lastIndexOf(':')).replace("[::ffff:", "").replace("]", "");
                locals.add(new String[] {host, local.substring(local.lastIndexOf(':') + 1)});
            }
        }
        return locals;
    }

    private static Path cgroupRoot() {
        try {
            for (String mount : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] fields = mount.split(" ");
                if (fields.length > 2 && fields[2].equals("cgroup2")) {
                    return Path.of(fields[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no cgroup v2 hierarchy is mounted: a process cannot be cut off alone");
    }

    /** Every process in the partition's cgroup back into the root group, and the group removed (it must be empty for that). */
    private static void releaseCgroup() {
        Path group = cgroupRoot().resolve(CGROUP);
        try {
            if (Files.exists(group)) {
                for (String pid : Files.readAllLines(group.resolve("cgroup.procs"))) {
                    Files.writeString(group.getParent().resolve("cgroup.procs"), pid.trim());
                }
                Files.deleteIfExists(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the cgroup " + group, e);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private static synchronized void ensureChain() {
        for (String[] chain : new String[][] {{CHAIN, "INPUT", "-i"}, {OUT_CHAIN, "OUTPUT", "-o"}}) {
            if (run("-n", "-L", chain[0]) != 0) {
                iptables("-N", chain[0]);
            }
            if (run("-C", chain[1], chain[2], "lo", "-j", chain[0]) != 0) {
                iptables("-I", chain[1], "1", chain[2], "lo", "-j", chain[0]);
            }
        }
    }

    private static synchronized void removeChain() {
        for (String[] chain : new String[][] {{CHAIN, "INPUT", "-i"}, {OUT_CHAIN, "OUTPUT", "-o"}}) {
            if (run("-n", "-L", chain[0]) != 0) {
                continue;
            }
            while (run("-D", chain[1], chain[2], "lo", "-j", chain[0]) == 0) {
                // every jump to it
            }
            run("-F", chain[0]);
            run("-X", chain[0]);
        }
        try {
            releaseCgroup();
        } catch (RuntimeException e) {
            System.err.println("cannot remove the cgroup " + CGROUP + ": " + e);
        }
    }

    private static void iptables(String... arguments) {
        if (run(arguments) != 0) {
            throw new IllegalStateException("iptables " + String.join(" ", arguments) + " failed");
        }
    }

    private static int run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w"));
        command.addAll(List.of(arguments));
        return execute(command, new StringBuilder());
    }

    private static String output(String... command) {
        StringBuilder output = new StringBuilder();
        if (execute(List.of(command), output) != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output.toString();
    }

    private static int execute(List<String> command, StringBuilder output) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            output.append(new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("did not finish: " + command);
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
