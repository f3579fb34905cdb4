package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * The stack as separate hosts (issue 15): every host of server-config/topology on its own loopback address, every
 * listener on its host's address only, the load balancer the only peer whose X-Forwarded-For is believed, and a data
 * grid closed to processes outside its member list.
 */
class TopologyIT {

    private static final Pattern SS_LINE = Pattern.compile("^\\S+\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+)\\s+\\S+\\s+users:(.*)$");
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");
    private final Random random = new Random();

    /** `ss -ltnp` against the topology: each process the stack started listens on its host's address and nowhere else. */
    @Test
    void everyListenerTheStackStartedBindsItsHostsAddressOnly() throws Exception {
        Stack stack = Stack.get();
        Map<String, Long> pids = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        Path run = Path.of(stack.property("scaleshop.run.dir"));
        component(pids, expected, "haproxy", Stack.readPid(run.resolve("haproxy/haproxy.pid")), stack.property("scaleshop.haproxy.address"));
        component(pids, expected, "das", Stack.readPid(Path.of(stack.property("scaleshop.payara.das.pid.file"))), stack.property("scaleshop.admin.host"));
        for (String instance : stack.instances().keySet()) {
            component(pids, expected, instance, stack.instancePid(instance), stack.property("scaleshop.instance." + instance + ".address"));
        }
        component(pids, expected, "broker", stack.brokerPid(), stack.property("scaleshop.broker.host"));
        component(pids, expected, "broker-backup", stack.backupBrokerPid(), stack.property("scaleshop.broker.backup.host"));
        component(pids, expected, "payments", Stack.readPid(run.resolve("payments.pid")), URI.create(stack.paymentsUrl()).getHost());
        component(pids, expected, "mail", Stack.readPid(run.resolve("mail.pid")), URI.create(stack.mailApiUrl()).getHost());
        List<String> servers = new ArrayList<>(stack.postgresServers("main"));
        for (String shard : stack.property("scaleshop.pg.shards").split(",")) {
            servers.addAll(stack.postgresServers(shard));
        }
        for (String server : servers) { // each server's Patroni (its REST API) on the same host as the server
            component(pids, expected, server, stack.postgresPid(server), stack.property("scaleshop.pg." + server + ".host"));
            component(pids, expected, "patroni " + server, stack.patroniPid(server), stack.property("scaleshop.pg." + server + ".host"));
        }
        for (String member : stack.etcdMembers()) {
            component(pids, expected, member, stack.etcdPid(member), stack.property("scaleshop.etcd." + member + ".host"));
        }

        Map<Long, List<String>> listeners = listenersByPid();
        for (Map.Entry<String, Long> component : pids.entrySet()) {
            List<String> addresses = listeners.getOrDefault(component.getValue(), List.of());
            if (!component.getKey().equals("broker-backup")) { // a passive backup accepts nothing until it takes over
                assertThat(addresses).as("listeners of %s (pid %d)", component.getKey(), component.getValue()).isNotEmpty();
            }
            assertThat(addresses).as("%s listens on its host's address only", component.getKey())
                    .allSatisfy(address -> assertThat(address).startsWith(expected.get(component.getKey()) + ":"));
        }
        assertThat(expected.entrySet().stream().filter(e -> !e.getKey().startsWith("patroni ")).map(Map.Entry::getValue))
                .as("every host its own address (a server's Patroni shares its host)").doesNotHaveDuplicates();
    }

    /**
     * A request straight to an instance, naming a client in X-Forwarded-For, is charged to its real peer: two
     * peers naming the same made-up client draw from two buckets, and that client's own bucket is untouched until
     * the load balancer names it.
     */
    @Test
    void onlyTheLoadBalancerNamesTheClientADirectRequestIsKeyedByItsPeer() {
        String instance = Stack.get().instanceUrl("i1");
        String forged = "198.51.100." + (1 + random.nextInt(250));
        String block = "127." + (100 + random.nextInt(150)) + "." + (1 + random.nextInt(250)) + ".";
        Api peerA = Api.from(block + "1", instance);
        Api peerB = Api.from(block + "2", instance);
        Api loadBalancer = Api.asLoadBalancer(instance);

        long fresh = capacity(login(peerA, forged)) - 1;
        long afterFive = 0;
        for (int i = 0; i < 4; i++) {
            afterFive = RateLimitIT.remaining(login(peerA, forged));
        }
        assertThat(afterFive).as("five attempts from one peer, one bucket (at most one token refilled)").isLessThanOrEqualTo(fresh - 3);
        assertThat(RateLimitIT.remaining(login(peerB, forged))).as("another peer naming the same client: its own bucket").isEqualTo(fresh);
        assertThat(RateLimitIT.remaining(login(loadBalancer, forged))).as("the named client's bucket, first used by the load balancer")
                .isEqualTo(fresh);
        assertThat(RateLimitIT.remaining(login(loadBalancer, forged))).as("and used again").isLessThan(fresh);
    }

    /**
     * Hazelcast's open-source edition has no member authentication: anyone who reaches a member's port with the
     * cluster's name may join or connect as a client. The stack's firewall admits the topology's members only: a
     * client and a member from other addresses get nothing, while a connection from a member's address is accepted.
     */
    @Test
    void aClientAndAMemberFromOutsideTheMemberListReadNothingFromTheGrid() throws Exception {
        Stack stack = Stack.get();
        String[] members = stack.property("scaleshop.grid.members").split(",");
        String clusterName = stack.property("scaleshop.grid.cluster.name");

        InetSocketAddress i2 = address(members[members.length - 1]);
        try (Socket fromMember = new Socket()) { // the port is there, and open to the list
            fromMember.bind(new InetSocketAddress(address(members[members.length - 2]).getHostString(), 0));
            fromMember.connect(i2, 3000);
            assertThat(fromMember.isConnected()).isTrue();
        }

        ClientConfig client = new ClientConfig();
        client.setClusterName(clusterName);
        client.setProperty("hazelcast.phone.home.enabled", "false");
        for (String member : members) {
            client.getNetworkConfig().addAddress(member);
        }
        client.getNetworkConfig().setConnectionTimeout(2000);
        client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(8000);
        assertThatThrownBy(() -> HazelcastClient.newHazelcastClient(client).shutdown())
                .as("a client with the cluster's name, from the operator's address").isInstanceOf(IllegalStateException.class);

        String outside = "127." + (100 + random.nextInt(150)) + "." + (1 + random.nextInt(250)) + ".9";
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", outside);
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.socket.client.bind.any", "false");
        config.setProperty("hazelcast.max.join.seconds", "10");
        config.getNetworkConfig().setPort(25999).setPortAutoIncrement(false);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).setMembers(List.of(members));
        HazelcastInstance intruder = Hazelcast.newHazelcastInstance(config);
        try {
            assertThat(intruder.getCluster().getMembers()).as("a member with the cluster's name, from %s", outside).hasSize(1);
            assertThat(intruder.getMap("scaleshop-rate-limit-policies").isEmpty()).as("the policies the cluster holds").isTrue();
        } finally {
            intruder.shutdown();
        }
    }

    private static HttpResponse<String> login(Api api, String client) {
        HttpResponse<String> response = api.send("POST", "/api/v1/auth/token", "{}", "X-Forwarded-For", client);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400); // an empty body: admitted, refused at once
        return response;
    }

    private static long capacity(HttpResponse<String> response) {
        Matcher quota = Pattern.compile("q=(\\d+)").matcher(response.headers().firstValue("RateLimit-Policy").orElseThrow());
        assertThat(quota.find()).isTrue();
        return Long.parseLong(quota.group(1));
    }

    private static void component(Map<String, Long> pids, Map<String, String> expected, String name, long pid, String address) {
        pids.put(name, pid);
        expected.put(name, address);
    }

    /** Listening TCP sockets by owning process, as "address:port" (IPv4-mapped addresses unwrapped, * kept). */
    private static Map<Long, List<String>> listenersByPid() throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-Hltnp").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor()).as(out).isZero();
        Map<Long, List<String>> listeners = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            Matcher socket = SS_LINE.matcher(line.strip());
            if (!socket.matches()) {
                continue;
            }
            String address = socket.group(1).replace("[::ffff:", "").replace("[", "").replace("]", "");
            Matcher pid = PID.matcher(socket.group(3));
            while (pid.find()) {
                listeners.computeIfAbsent(Long.parseLong(pid.group(1)), p -> new ArrayList<>()).add(address + ":" + socket.group(2));
            }
        }
        return listeners;
    }

    private static InetSocketAddress address(String member) {
        int colon = member.lastIndexOf(':');
        return new InetSocketAddress(member.substring(0, colon), Integer.parseInt(member.substring(colon + 1)));
    }
}
