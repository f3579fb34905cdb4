package dev.scaleshop.admin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import jakarta.json.JsonObject;

/**
 * The operator commands of server-config/bin/stack that talk to a running stack: the admin REST API (through
 * the load balancer, as the initial administrator) and HAProxy's runtime API. The script keeps what starts and
 * stops processes; this keeps what reads and changes a live system.
 *
 * <pre>
 *   admin-cli &lt;stack.properties&gt; limits raised|configured &lt;configured edge limit&gt;
 *   admin-cli &lt;stack.properties&gt; edge-limit [requests-per-10s]
 *   admin-cli &lt;stack.properties&gt; drain|ready &lt;instance&gt;
 *   admin-cli &lt;stack.properties&gt; rotation-add &lt;instance&gt; &lt;address:port&gt; [server options...]
 *   admin-cli &lt;stack.properties&gt; rotation-remove &lt;instance&gt;
 *   admin-cli &lt;stack.properties&gt; shards
 *   admin-cli &lt;stack.properties&gt; move-buckets &lt;from&gt; &lt;to&gt; &lt;shard&gt;
 *   admin-cli &lt;stack.properties&gt; jobs
 * </pre>
 */
public final class AdminCli {

    /** What the test suite and the benchmarks run with: every local client is one address behind HAProxy. */
    static final String RAISED_ANONYMOUS = "{\"quota\":1000000,\"windowSeconds\":60}";
    static final String RAISED_JOBS = "{\"quota\":1000,\"windowSeconds\":1}";
    static final long RAISED_EDGE = 100_000_000L;
    static final int MOVE_CHUNK = 32;
    /** How long `rotation-remove` waits for a drained server's connections to end before it gives up. */
    static final int DRAIN_SECONDS = 60;

    private final StackProperties stack;
    private final PrintStream out;
    private AdminApi api;

    AdminCli(StackProperties stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: admin-cli <stack.properties> limits|edge-limit|drain|ready|rotation-add|rotation-remove|shards|move-buckets|jobs ...");
            System.exit(2);
        }
        try {
            new AdminCli(StackProperties.load(Path.of(args[0])), System.out).run(args[1], Arrays.asList(args).subList(2, args.length));
        } catch (CliException e) {
            System.err.println("[stack] ERROR: " + e.getMessage());
            System.exit(1);
        }
    }

    void run(String command, List<String> arguments) {
        switch (command) {
            case "limits" -> limits(argument(arguments, 0, "limits raised|configured <edge limit>"),
                    arguments.size() > 1 ? arguments.get(1) : null);
            case "edge-limit" -> edgeLimit(arguments.isEmpty() ? null : arguments.get(0));
            case "drain", "ready" -> serverState(command, argument(arguments, 0, command + " <instance>"));
            case "rotation-add" -> rotationAdd(argument(arguments, 0, "rotation-add <instance> <address:port> [options]"),
                    argument(arguments, 1, "rotation-add <instance> <address:port> [options]"), arguments.subList(2, arguments.size()));
            case "rotation-remove" -> rotationRemove(argument(arguments, 0, "rotation-remove <instance>"));
            case "shards" -> out.print(Formats.shardMap((JsonObject) api().call("GET", "/api/v1/admin/shards", null)));
            case "move-buckets" -> moveBuckets(arguments);
            case "jobs" -> out.print(Formats.jobs((JsonObject) api().call("GET", "/api/v1/admin/jobs/queues", null),
                    (JsonObject) api().call("GET", "/api/v1/admin/jobs/dead-letters", null)));
            default -> throw new CliException("unknown command '" + command + "'");
        }
    }

    private void limits(String mode, String configuredEdge) {
        switch (mode) {
            case "raised" -> { // the edge first: the admin API calls below pass it
                edgeLimit(String.valueOf(RAISED_EDGE));
                api().call("PUT", "/api/v1/admin/rate-limits/anonymous", RAISED_ANONYMOUS);
                api().call("PUT", "/api/v1/admin/rate-limits/jobs", RAISED_JOBS);
            }
            case "configured" -> {
                if (configuredEdge == null) {
                    throw new CliException("usage: limits configured <configured edge limit>");
                }
                api().call("DELETE", "/api/v1/admin/rate-limits/anonymous", null);
                api().call("DELETE", "/api/v1/admin/rate-limits/jobs", null);
                edgeLimit(configuredEdge);
            }
            default -> throw new CliException("usage: limits raised|configured");
        }
        out.println("anonymous and job rate limits " + mode + " (every instance applies a change within a second)");
    }

    private void edgeLimit(String limit) {
        String map = stack.get("scaleshop.run.dir") + "/haproxy/edge-limit.map";
        HaproxyRuntime haproxy = haproxy();
        if (limit == null) {
            out.print(haproxy.command("show map " + map));
            return;
        }
        if (!limit.matches("[1-9][0-9]*")) {
            throw new CliException("usage: edge-limit [requests-per-10s]");
        }
        expectEmpty(haproxy.command("set map " + map + " per-10s " + limit));
        out.println("edge ceiling: " + limit + " requests per 10 s per client address (until HAProxy restarts)");
    }

    private void serverState(String state, String instance) {
        if (!List.of(stack.get("scaleshop.instances").split(",")).contains(instance)) {
            throw new CliException("unknown instance '" + instance + "' (instances: " + stack.get("scaleshop.instances") + ")");
        }
        expectEmpty(haproxy().command("set server payara/" + instance + " state " + state));
        out.println("haproxy: payara/" + instance + " state " + state);
    }

    /**
     * A new server in the backend through the runtime API (no reload, no connection dropped): added in
     * maintenance, its health checks on, then ready — it takes requests once its checks pass.
     */
    private void rotationAdd(String instance, String address, List<String> options) {
        if (!instance.matches("i[1-9][0-9]*") || !address.matches("[0-9.]+:[0-9]+")) {
            throw new CliException("usage: rotation-add iN address:port [server options]");
        }
        HaproxyRuntime haproxy = haproxy();
        String added = haproxy.command(("add server payara/" + instance + " " + address + " check " + String.join(" ", options)).strip());
        if (!added.strip().equals("New server registered.")) {
            throw new CliException("HAProxy: " + added.strip());
        }
        expectEmpty(haproxy.command("enable health payara/" + instance));
        expectEmpty(haproxy.command("set server payara/" + instance + " state ready"));
        out.println("haproxy: payara/" + instance + " (" + address + ") added; in rotation once its health checks pass");
    }

    /**
     * Out of the backend without failing a request: drain (no new requests), wait until HAProxy holds no
     * connection to it (its running requests answered), maintenance, delete.
     */
    private void rotationRemove(String instance) {
        HaproxyRuntime haproxy = haproxy();
        expectEmpty(haproxy.command("set server payara/" + instance + " state drain"));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        int current;
        while ((current = Formats.currentSessions(haproxy.command("show stat"), "payara", instance)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new CliException("payara/" + instance + " still has " + current + " connection(s) after "
                        + DRAIN_SECONDS + " s of draining; left in drain");
            }
            sleep(200);
        }
        expectEmpty(haproxy.command("set server payara/" + instance + " state maint"));
        String deleted = "";
        for (int attempt = 0; attempt < 50; attempt++) { // idle connections kept for reuse go within a moment
            deleted = haproxy.command("del server payara/" + instance).strip();
            if (deleted.equals("Server deleted.")) {
                out.println("haproxy: payara/" + instance + " drained and removed");
                return;
            }
            sleep(200);
        }
        throw new CliException("HAProxy: " + deleted);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private void moveBuckets(List<String> arguments) {
        if (arguments.size() != 3 || !arguments.stream().allMatch(a -> a.matches("[0-9]+"))) {
            throw new CliException("usage: move-buckets FROM TO SHARD");
        }
        int from = Integer.parseInt(arguments.get(0));
        int to = Integer.parseInt(arguments.get(1));
        int shard = Integer.parseInt(arguments.get(2));
        while (from <= to) {
            int last = Math.min(from + MOVE_CHUNK - 1, to);
            JsonObject answer = (JsonObject) api().call("POST", "/api/v1/admin/shards/moves",
                    "{\"fromBucket\":" + from + ",\"toBucket\":" + last + ",\"toShard\":" + shard + "}");
            out.println(Formats.moveChunk(answer, from, last, shard));
            from = last + 1;
        }
    }

    private static void expectEmpty(String answer) {
        if (!answer.isBlank()) {
            throw new CliException("HAProxy: " + answer.strip());
        }
    }

    private static String argument(List<String> arguments, int index, String usage) {
        if (arguments.size() <= index) {
            throw new CliException("usage: " + usage);
        }
        return arguments.get(index);
    }

    private HaproxyRuntime haproxy() {
        return new HaproxyRuntime(Path.of(stack.get("scaleshop.run.dir"), "haproxy", "admin.sock"));
    }

    private AdminApi api() {
        if (api == null) {
            api = new AdminApi(stack);
        }
        return api;
    }
}
