package dev.scaleshop.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The running stack as {@code server-config/bin/stack up} describes it in {@code run/stack.properties}:
 * URLs, ports, pid files, and the operator script itself for stopping and starting parts.
 */
final class Stack {

    private static final Stack INSTANCE = load();

    private final Properties properties;
    private final Path script;

    private Stack(Properties properties, Path script) {
        this.properties = properties;
        this.script = script;
    }

    static Stack get() {
        return INSTANCE;
    }

    private static Stack load() {
        String runDir = System.getenv("SCALESHOP_RUN_DIR");
        Path file = runDir != null
                ? Path.of(runDir, "stack.properties")
                : Path.of(System.getProperty("scaleshop.stack.properties", "../run/stack.properties"));
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("stack not described at " + file + "; run server-config/bin/stack up", e);
        }
        Stack stack = new Stack(properties, Path.of(System.getProperty("scaleshop.stack.script", "../server-config/bin/stack")));
        stack.liftLimitsForTheRun();
        return stack;
    }

    /**
     * The stack runs with production rate limits; every test client reaches it from the operator's address through HAProxy,
     * one bucket for the whole suite. So the suite lifts the anonymous and job policies and the edge ceiling
     * for its run ({@code stack limits raised}) and puts them back when its JVM ends. Tests of the limits
     * lower them for themselves and restore the lifted values ({@link #restoreLimit}).
     */
    private void liftLimitsForTheRun() {
        script("limits", "raised");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> script("limits", "configured")));
    }

    /** Back to the suite's value after a test changed a policy: the configured one, or the lifted one for anonymous and jobs. */
    void restoreLimit(String policy) {
        String admin = catalogAdmin();
        Api api = Api.throughHaproxy();
        if (api.send("DELETE", "/api/v1/admin/rate-limits/" + policy, null, "Authorization", admin).statusCode() != 200) {
            throw new IllegalStateException("could not reset the rate-limit policy " + policy);
        }
        if (policy.equals("anonymous") || policy.equals("jobs")) {
            script("limits", "raised");
        }
    }

    /** The Authorization header value of the stack's catalog administrator. */
    private String adminAuthorization;
    private long adminAuthorizationUntil;

    /** "Bearer …" for the initial administrator the stack created (logged in through HAProxy, reused for 10 min). */
    synchronized String catalogAdmin() {
        if (adminAuthorization == null || System.currentTimeMillis() > adminAuthorizationUntil) {
            adminAuthorization = "Bearer " + Api.login(Api.throughHaproxy(), adminEmail(), adminPassword())
                    .getString("access_token");
            adminAuthorizationUntil = System.currentTimeMillis() + 600_000;
        }
        return adminAuthorization;
    }

    String adminEmail() {
        return properties.getProperty("scaleshop.identity.initial.admin.email");
    }

    String adminPassword() {
        try {
            return Files.readString(Path.of(properties.getProperty("scaleshop.identity.initial.admin.password.file"))).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack's token signing key and issuer: tests mint expired, foreign-issuer and tampered tokens with it. */
    /** A value of run/stack.properties. */
    String property(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("run/stack.properties has no " + key);
        }
        return value;
    }

    /** The id ({@code kid}) of the key access tokens are signed with now: the name of the file the active link points at. */
    String jwtKeyId() {
        try {
            String name = jwtPrivateKey().toRealPath().getFileName().toString();
            return name.substring(0, name.length() - ".pem".length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forget the cached administrator token (after its signing key was retired). */
    synchronized void forgetAdminToken() {
        adminAuthorization = null;
    }

    Path jwtPrivateKey() {
        return Path.of(properties.getProperty("scaleshop.identity.jwt.private.key"));
    }

    String jwtIssuer() {
        return properties.getProperty("scaleshop.identity.jwt.issuer");
    }

    /** The payment provider stand-in: its API and its run-time behaviour switch (PUT /control). */
    String paymentsUrl() {
        return property("scaleshop.payments.url");
    }

    String baseUrl() {
        return properties.getProperty("scaleshop.base.url");
    }

    /** Waits until HAProxy's health checks see every instance UP again. */
    void awaitAllInRotation() {
        Api stats = new Api(properties.getProperty("scaleshop.haproxy.stats.url"));
        Await.until("every instance UP in HAProxy", 90, () -> {
            String csv = stats.get(properties.getProperty("scaleshop.haproxy.stats.url")).body();
            long up = csv.lines().map(line -> line.split(","))
                    .filter(f -> f.length > 17 && f[0].equals("payara") && instances().containsKey(f[1]))
                    .filter(f -> f[17].equals("UP"))
                    .count();
            return up == instances().size();
        });
    }

    /** Instance name → its own URL on its host (bypassing HAProxy), in the topology's order. */
    Map<String, String> instances() {
        Map<String, String> instances = new LinkedHashMap<>();
        for (String name : properties.getProperty("scaleshop.instances").split(",")) {
            instances.put(name, property("scaleshop.instance." + name + ".url"));
        }
        return instances;
    }

    String instanceUrl(String instance) {
        return property("scaleshop.instance." + instance + ".url");
    }

    /** The instance's directory on its node (config, logs, pid). */
    Path instanceDir(String instance) {
        return Path.of(property("scaleshop.instance." + instance + ".dir"));
    }

    Path instanceLog(String instance) {
        return instanceDir(instance).resolve("logs").resolve("server.log");
    }

    /** True if one line of some instance's server log holds every one of {@code fragments}. */
    boolean anyInstanceLogged(String... fragments) {
        return instances().keySet().stream().anyMatch(instance -> anyLogLine(instance, fragments));
    }

    /** The lines of {@code instance}'s server log holding {@code fragment}. */
    List<String> logLines(String instance, String fragment) {
        return logLines(instance).filter(line -> line.contains(fragment)).toList();
    }

    /** True if one line of {@code instance}'s server log holds every one of {@code fragments}. */
    boolean anyLogLine(String instance, String... fragments) {
        return logLines(instance).anyMatch(line -> java.util.Arrays.stream(fragments).allMatch(line::contains));
    }

    /**
     * Every line of the instance's log, oldest first: the files Payara rotated away ({@code server.log_<time>}, at
     * 2 MB; a test late in the suite saw its line rotate out between writing and reading it) and {@code server.log}.
     */
    private java.util.stream.Stream<String> logLines(String instance) {
        Path current = instanceLog(instance);
        try (var files = Files.list(current.getParent())) {
            List<Path> logs = new ArrayList<>(files.filter(f -> f.getFileName().toString().startsWith("server.log_"))
                    .filter(Files::isRegularFile).sorted().toList());
            logs.add(current);
            return logs.stream().flatMap(file -> {
                try {
                    return Files.readAllLines(file).stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long instancePid(String instance) {
        return readPid(instanceDir(instance).resolve("config").resolve("pid"));
    }

    /** The read replicas of the main database: replica1, replica2, ... */
    List<String> replicas() {
        String replicas = properties.getProperty("scaleshop.pg.replicas", "");
        return replicas.isEmpty() ? List.of() : List.of(replicas.split(","));
    }

    /** The postmaster of a PostgreSQL server of the stack: primary, replica1..N, shard0, shard1. */
    long postgresPid(String server) {
        try {
            return Long.parseLong(Files.readAllLines(
                    Path.of(properties.getProperty("scaleshop.pg.dir"), server, "postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PostgreSQL server of a database (main, shard0, ...): those that may lead it, then its read replicas. */
    List<String> postgresServers(String database) {
        return List.of(property("scaleshop.pg." + database + ".servers").split(","));
    }

    /** The servers that may lead a database (main, shard0, ...): where it was placed and its standby. */
    List<String> leaderCandidates(String database) {
        return List.of(property("scaleshop.pg." + database + ".candidates").split(","));
    }

    /** The Patroni process that runs a PostgreSQL server (primary, primary-standby, replica1, shard0, ...). */
    long patroniPid(String server) {
        return readPid(Path.of(property("scaleshop.pg.patroni.dir"), server + ".pid"));
    }

    /** The etcd members Patroni keeps its leader keys in: etcd1, etcd2, ... */
    List<String> etcdMembers() {
        return List.of(property("scaleshop.etcd.members").split(","));
    }

    /** An etcd member's process. */
    long etcdPid(String member) {
        return readPid(Path.of(property("scaleshop.run.dir"), member + ".pid"));
    }

    /** The HTTP status of a health endpoint of a server's Patroni (primary, replica, sync); 0 when it does not answer. */
    int patroniHealth(String server, String endpoint) {
        try {
            return new Api("http://" + property("scaleshop.pg." + server + ".host") + ":" + property("scaleshop.pg.patroni.port"))
                    .get("/" + endpoint).statusCode();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The server that leads a database now (Patroni's answer), if one does. */
    java.util.Optional<String> leader(String database) {
        return leaderCandidates(database).stream().filter(server -> patroniHealth(server, "primary") == 200).findFirst();
    }

    /**
     * A database server's host lost: its Patroni and every PostgreSQL process of it (the postmaster and all its
     * children) killed with SIGKILL at once, Patroni first so that nothing restarts the server.
     */
    void crashPostgresServer(String server) {
        List<ProcessHandle> victims = new ArrayList<>();
        ProcessHandle.of(patroniPid(server)).ifPresent(victims::add);
        ProcessHandle.of(postgresPid(server)).ifPresent(postmaster -> {
            victims.add(postmaster);
            postmaster.descendants().forEach(victims::add);
        });
        victims.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle victim : victims) {
            Await.until("process " + victim.pid() + " of " + server + " gone", 30, () -> !victim.isAlive());
        }
    }

    /** The primary broker's process. */
    long brokerPid() {
        return readPid(Path.of(properties.getProperty("scaleshop.broker.pid.file")));
    }

    /** The backup broker's process (the topology places a live/backup pair). */
    long backupBrokerPid() {
        return readPid(Path.of(properties.getProperty("scaleshop.broker.backup.pid.file")));
    }

    /** Whether the broker on that host is the active one: only an active broker accepts connections. */
    boolean brokerActive(String host) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, Integer.parseInt(property("scaleshop.broker.port"))), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Both brokers of the pair killed, the backup first: a whole broker outage, with no one left to fail over to. */
    void killEveryBroker() {
        kill9(backupBrokerPid());
        kill9(brokerPid());
    }

    Connection primaryAsSuperuser() throws SQLException {
        return connect("primary", "postgres", properties.getProperty("scaleshop.pg.superuser.password"));
    }

    Connection replicaAsSuperuser(String replica) throws SQLException {
        return connect(replica, "postgres", properties.getProperty("scaleshop.pg.superuser.password"));
    }

    /**
     * WAL replay stalled on the given replicas (all by default) until closed: injected replica lag. Each replica's
     * startup process (the one that replays WAL) is stopped with SIGSTOP and continued with SIGCONT; the replica
     * still answers queries and receives WAL. (Not pg_wal_replay_pause(): Patroni resumes a paused replay within a
     * round, since PostgreSQL 14+ cannot promote a paused standby; and it owns recovery_min_apply_delay.)
     */
    ReplayPause pauseReplay(String... replicas) {
        return new ReplayPause(replicas.length == 0 ? replicas() : List.of(replicas));
    }

    final class ReplayPause implements AutoCloseable {
        private final List<Long> stopped = new ArrayList<>();

        private ReplayPause(List<String> replicas) {
            try {
                for (String replica : replicas) {
                    long startup = ProcessHandle.of(postgresPid(replica)).orElseThrow().children()
                            .filter(child -> commandLine(child.pid()).contains("startup")).findFirst()
                            .orElseThrow(() -> new IllegalStateException(replica + " has no startup process: not a standby?")).pid();
                    signal("STOP", startup);
                    stopped.add(startup);
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private static String commandLine(long pid) {
            try {
                return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void close() {
            stopped.forEach(pid -> signal("CONT", pid));
            stopped.clear();
        }
    }

    private static void signal(String signal, long pid) {
        run(List.of("kill", "-" + signal, String.valueOf(pid)), 1);
    }

    /** The mail relay stand-in's HTTP API (GreenMail): what it received, per recipient. */
    String mailApiUrl() {
        return properties.getProperty("scaleshop.mail.api.url");
    }

    /** A JMS connection factory for the stack's broker, as the application's user. */
    jakarta.jms.QueueConnectionFactory broker() {
        return new org.apache.activemq.artemis.jms.client.ActiveMQQueueConnectionFactory(
                property("scaleshop.broker.url"), properties.getProperty("scaleshop.broker.user"),
                properties.getProperty("scaleshop.broker.password"));
    }

    /** Invokes a management operation on the broker (e.g. "queue.scaleshop.jobs.echo", "pause"); returns its JSON result. */
    String brokerOperation(String resource, String operation, Object... parameters) {
        try (jakarta.jms.QueueConnection connection = broker().createQueueConnection();
             jakarta.jms.QueueSession session = connection.createQueueSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            jakarta.jms.QueueRequestor requestor = new jakarta.jms.QueueRequestor(session, session.createQueue("activemq.management"));
            jakarta.jms.Message request = session.createMessage();
            org.apache.activemq.artemis.api.jms.management.JMSManagementHelper.putOperationInvocation(request, resource, operation,
                    parameters);
            jakarta.jms.Message reply = requestor.request(request);
            if (!org.apache.activemq.artemis.api.jms.management.JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException(resource + " " + operation + " failed: " + reply.getBody(String.class));
            }
            return reply.getBody(String.class);
        } catch (Exception e) {
            throw new IllegalStateException("broker management " + resource + " " + operation, e);
        }
    }

    Connection primary() throws SQLException {
        return connect("primary", properties.getProperty("scaleshop.db.user"), properties.getProperty("scaleshop.db.password"));
    }

    /** Shard server {@code n} (0, 1), as the application's user. */
    Connection shard(int n) throws SQLException {
        return connect("shard" + n, properties.getProperty("scaleshop.db.user"),
                properties.getProperty("scaleshop.db.password"), properties.getProperty("scaleshop.shard.db.name", "scaleshop_shard"));
    }

    private Connection connect(String server, String user, String password) throws SQLException {
        return connect(server, user, password, properties.getProperty("scaleshop.db.name"));
    }

    /**
     * The JDBC URL of a database of the stack: "primary" (the main database) or "shard0", "shard1", ... reach whichever
     * server leads it now (every candidate, targetServerType=primary); a read replica ("replica1", ...) its own host.
     */
    String postgresUrl(String server, String database) {
        String hosts = properties.getProperty("scaleshop.pg." + (server.equals("primary") ? "main" : server) + ".hosts");
        if (hosts != null) {
            return "jdbc:postgresql://" + hosts + "/" + database + "?targetServerType=primary&hostRecheckSeconds=1";
        }
        return "jdbc:postgresql://" + property("scaleshop.pg." + server + ".host") + ":" + property("scaleshop.pg.port") + "/" + database;
    }

    private Connection connect(String server, String user, String password, String database) throws SQLException {
        String url = postgresUrl(server, database);
        return DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "ApplicationName=scaleshop-system-tests", user, password);
    }

    /**
     * Switches the cluster diagnostics ({@code /api/v1/cluster/*}, off in every stack) on or off at run time and
     * waits until every instance agrees; test classes that need them switch them on for their run only.
     */
    void diagnostics(boolean on) {
        script("config", "scaleshop.diagnostics.enabled", String.valueOf(on));
        for (String instance : instances().keySet()) {
            Api api = new Api(instanceUrl(instance));
            Await.until("diagnostics " + (on ? "on" : "off") + " on " + instance, 30,
                    () -> api.get("/api/v1/cluster/node", "Authorization", catalogAdmin()).statusCode() == (on ? 200 : 404));
        }
    }

    /** Runs the operator script, e.g. {@code stack start i1}; fails the test if it fails. */
    void script(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        run(command, 10);
    }

    private static void run(List<String> command, int timeoutMinutes) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("failed: " + command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs an asadmin command against the DAS, as an operator would from the console or the shell. */
    void asadmin(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(properties.getProperty("scaleshop.payara.home"), "bin", "asadmin").toString(),
                "--host", properties.getProperty("scaleshop.admin.host"),
                "--port", properties.getProperty("scaleshop.admin.port"),
                "--user", properties.getProperty("scaleshop.admin.user"),
                "--passwordfile", properties.getProperty("scaleshop.admin.password.file")));
        command.addAll(List.of(arguments));
        run(command, 5);
    }

    /** HAProxy's view of one instance: UP, DOWN, MAINT, … */
    String haproxyState(String instance) {
        String csv = new Api(properties.getProperty("scaleshop.haproxy.stats.url"))
                .get(properties.getProperty("scaleshop.haproxy.stats.url")).body();
        return csv.lines().map(line -> line.split(","))
                .filter(f -> f.length > 17 && f[0].equals("payara") && f[1].equals(instance))
                .map(f -> f[17]).findFirst().orElse("?");
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hooks, no goodbye to the cluster. */
    static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Await.until("process " + pid + " gone", 30, () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    /** The process id a pid file holds. */
    static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
