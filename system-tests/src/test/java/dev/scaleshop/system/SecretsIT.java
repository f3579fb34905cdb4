package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * No password of the stack is one this repository ever shipped or a product default, and what holds
 * passwords or keys is readable by its owner only.
 */
class SecretsIT {

    /** The passwords stack.env used to default to, and Payara's own. */
    private static final List<String> FORMER_DEFAULTS = List.of("scaleshop-admin-dev", "adminadmin", "admin", "changeit", "");

    @Test
    void theAdministrationApiRefusesEveryFormerDefaultPassword() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String url = "http://" + Stack.get().property("scaleshop.admin.host") + ":" + Stack.get().property("scaleshop.admin.port") + "/management/domain/servers/server";
        for (String password : FORMER_DEFAULTS) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "application/json").header("X-Requested-By", "SecretsIT")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("admin / '%s'", password).isEqualTo(401);
        }
    }

    @Test
    void postgresqlRefusesTheFormerDefaultsAndTheApplicationRoleIsNoSuperuser() throws Exception {
        String url = Stack.get().postgresUrl("primary", "postgres");
        for (String[] login : new String[][] {{"postgres", "scaleshop-superuser-dev"}, {"postgres", "postgres"},
                {Stack.get().property("scaleshop.db.user"), "scaleshop-dev"}}) {
            assertThatThrownBy(() -> DriverManager.getConnection(url, login[0], login[1]))
                    .as("%s / %s", login[0], login[1]).isInstanceOf(SQLException.class);
        }
        try (var db = Stack.get().primary(); ResultSet role = db.createStatement().executeQuery(
                "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication FROM pg_roles WHERE rolname = current_user")) {
            assertThat(role.next()).isTrue();
            for (int column = 1; column <= 4; column++) {
                assertThat(role.getBoolean(column)).as("privilege %d of the application role", column).isFalse();
            }
        }
    }

    /** The keystores' master password is generated too: Payara's default does not open them. */
    @Test
    void theKeystoresDoNotOpenWithPayarasDefaultMasterPassword() throws Exception {
        Path dasKeystore = Path.of(Stack.get().property("scaleshop.payara.das.pid.file")).resolveSibling("keystore.p12");
        Path nodeKeystore = Stack.get().instanceDir("i1").resolve("config").resolve("keystore.p12");
        for (Path keystore : List.of(dasKeystore, nodeKeystore)) {
            assertThat(keystore).exists();
            assertThatThrownBy(() -> {
                try (var in = Files.newInputStream(keystore)) {
                    java.security.KeyStore.getInstance("PKCS12").load(in, "changeit".toCharArray());
                }
            }).as("%s opened with changeit", keystore).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void passwordsAndKeysAreReadableByTheirOwnerOnly() throws Exception {
        Path run = Path.of(Stack.get().property("scaleshop.run.dir"));
        Path dasConfig = Path.of(Stack.get().property("scaleshop.payara.das.pid.file")).getParent();
        Path node = Stack.get().instanceDir("i1").resolve("config");
        assertThat(Files.getPosixFilePermissions(run)).as("run/").isEqualTo(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        for (Path secret : List.of(run.resolve("secrets.env"), run.resolve("stack.properties"), run.resolve("micro-postboot.asadmin"),
                run.resolve("payara/group-resources.asadmin"),
                dasConfig.resolve("domain.xml"), node.resolve("domain.xml"), node.resolve("keystore.p12"),
                Stack.get().jwtPrivateKey().toRealPath())) {
            assertThat(Files.getPosixFilePermissions(secret)).as("%s", secret)
                    .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        }
    }

    /**
     * Least privilege: no process of the stack runs as root. PostgreSQL and its Patroni run as {@code postgres};
     * Payara (the DAS and every instance it starts), the brokers, etcd, the two stand-ins and HAProxy (after binding
     * its ports) as the stack's service user.
     */
    @Test
    void noProcessOfTheStackRunsAsRoot() throws Exception {
        Stack stack = Stack.get();
        Path run = Path.of(stack.property("scaleshop.run.dir"));
        java.util.Map<String, Long> pids = new java.util.LinkedHashMap<>();
        pids.put("postgres primary", stack.postgresPid("primary"));
        pids.put("Patroni of primary", stack.patroniPid("primary"));
        for (String member : stack.etcdMembers()) {
            pids.put(member, stack.etcdPid(member));
        }
        pids.put("broker", stack.brokerPid());
        pids.put("backup broker", stack.backupBrokerPid());
        pids.put("payment stand-in", Stack.readPid(run.resolve("payments.pid")));
        pids.put("mail relay stand-in", Stack.readPid(run.resolve("mail.pid")));
        pids.put("HAProxy", Stack.readPid(run.resolve("haproxy").resolve("haproxy.pid")));
        pids.put("DAS", Stack.readPid(Path.of(stack.property("scaleshop.payara.das.pid.file"))));
        for (String instance : stack.instances().keySet()) {
            pids.put("instance " + instance, stack.instancePid(instance));
        }
        for (java.util.Map.Entry<String, Long> process : pids.entrySet()) {
            List<String> ids = Files.readAllLines(Path.of("/proc", String.valueOf(process.getValue()), "status")).stream()
                    .filter(line -> line.startsWith("Uid:") || line.startsWith("Gid:")).toList();
            assertThat(ids).as("the %s (pid %d)", process.getKey(), process.getValue()).hasSize(2);
            for (String line : ids) { // real, effective, saved and filesystem id
                assertThat(line.split("\\s+")).as("%s of the %s (pid %d)", line, process.getKey(), process.getValue())
                        .hasSize(5).doesNotContain("0");
            }
        }
    }
}
