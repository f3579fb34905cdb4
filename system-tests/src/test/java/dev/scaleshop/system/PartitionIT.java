package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Network faults between the topology's hosts (issue 15), made with iptables on {@code lo} ({@link Partition}),
 * each under catalog reads through HAProxy and each healed at the end. The times measured are printed.
 */
class PartitionIT {

    @AfterEach
    void everyInstanceBackInRotation() {
        Stack.get().awaitAllInRotation();
    }

    /**
     * HAProxy loses its path to i1: its health checks take i1 out, new reads go to i2, and no read fails. The reads
     * HAProxy had sent to i1 when the path broke get no answer: they are retried on i2 once HAProxy's server
     * timeout (30 s) has passed, so they succeed late.
     */
    @Test
    void haproxyCutOffFromAnInstanceTakesItOutOfRotationWithNoFailedRead() throws Exception {
        Stack stack = Stack.get();
        try (ReadLoad load = ReadLoad.start(4)) {
            Await.sleep(2000);
            Map<String, Long> before;
            long out;
            try (Partition cut = Partition.between(stack.property("scaleshop.haproxy.address"), instanceAddress("i1"))) {
                long cutAt = System.nanoTime();
                Await.until("HAProxy takes i1 out", 30, () -> stack.haproxyState("i1").startsWith("DOWN"));
                out = (System.nanoTime() - cutAt) / 1_000_000;
                before = load.servedBy();
                assertThat(newReadsServedBy()).as("new reads while i1 is cut off").containsOnly("i2");
                assertThat(load.servedBy().get("i1")).as("nothing reaches i1 while it is cut off").isEqualTo(before.get("i1"));
            }
            long healedAt = System.nanoTime();
            stack.awaitAllInRotation();
            System.out.printf("[partition] lb/i1: out of rotation after %d ms, back %d ms after the heal%n", out,
                    (System.nanoTime() - healedAt) / 1_000_000);
            Await.until("i1 serves again", 30, () -> load.servedBy().get("i1") > before.get("i1"));
            load.close();
            assertThat(load.failures()).as("failed reads").isEmpty();
            assertThat(load.answered()).isGreaterThan(100);
        }
    }

    /**
     * i1 loses its path to the main primary: its readiness check (a query on the primary) stops answering, HAProxy
     * takes it out, i2 serves, and i1 returns once the path heals. Catalog reads need no primary, so none fails.
     */
    @Test
    void anAppHostCutOffFromTheMainPrimaryLeavesRotationAndReturnsAfterTheHeal() throws Exception {
        Stack stack = Stack.get();
        try (ReadLoad load = ReadLoad.start(4)) {
            Await.sleep(2000);
            long out;
            try (Partition cut = Partition.between(instanceAddress("i1"), stack.property("scaleshop.pg.primary.host"))) {
                long cutAt = System.nanoTime();
                Await.until("i1 leaves rotation through its readiness", 30, () -> stack.haproxyState("i1").startsWith("DOWN"));
                out = (System.nanoTime() - cutAt) / 1_000_000;
                assertThat(newReadsServedBy()).as("new reads while i1 is cut off from the primary").containsOnly("i2");
            }
            long healedAt = System.nanoTime();
            stack.awaitAllInRotation();
            System.out.printf("[partition] i1/primary: out of rotation after %d ms, back %d ms after the heal%n", out,
                    (System.nanoTime() - healedAt) / 1_000_000);
            load.close();
            assertThat(load.failures()).as("failed reads").isEmpty();
        }
    }

    /**
     * i1 loses its path to the broker (every instance reaches it from 127.0.0.1 here, so the cut is by process:
     * {@link Partition#processFrom}): its backlog probe stops answering and i1 refuses job submissions with 503
     * broker-unavailable, while i2 accepts them; reads through HAProxy go on. After the heal every job either
     * instance accepted — before, during and after the cut — succeeds.
     */
    @Test
    void anAppHostCutOffFromTheBrokerRefusesJobsWhileTheOtherAcceptsAndEveryAcceptedJobSucceeds() throws Exception {
        Stack stack = Stack.get();
        Api i1 = new Api(stack.instanceUrl("i1"));
        Api i2 = new Api(stack.instanceUrl("i2"));
        List<String> accepted = new ArrayList<>();
        try (ReadLoad load = ReadLoad.start(2)) {
            accepted.add(submit(i1, 202));
            accepted.add(submit(i2, 202));
            long refusedAfter;
            int duringCut = 0;
            try (Partition cut = Partition.processFrom(stack.instancePid("i1"), stack.property("scaleshop.broker.host"),
                    Integer.parseInt(stack.property("scaleshop.broker.port")))) {
                long cutAt = System.nanoTime();
                Await.until("i1 refuses job submissions for the broker", 60, () -> {
                    HttpResponse<String> answer = i1.postJson("/api/v1/jobs/echo", "{\"message\":\"i1 during the cut\"}");
                    if (answer.statusCode() == 202) {
                        accepted.add(jobPath(answer)); // before i1 noticed: it must still succeed
                    }
                    return answer.statusCode() == 503 && Api.json(answer).getString("type").endsWith("/broker-unavailable");
                });
                refusedAfter = (System.nanoTime() - cutAt) / 1_000_000;
                for (int i = 0; i < 10; i++) {
                    HttpResponse<String> refused = i1.postJson("/api/v1/jobs/echo", "{\"message\":\"i1 cut off\"}");
                    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                    assertThat(Api.json(refused).getString("type")).endsWith("/broker-unavailable");
                    accepted.add(submit(i2, 202));
                    duringCut++;
                    Await.sleep(300);
                }
                assertThat(stack.haproxyState("i1")).as("i1 stays in rotation: only jobs need the broker").startsWith("UP");
            }
            long healedAt = System.nanoTime();
            Await.until("i1 accepts job submissions again", 120, () -> {
                HttpResponse<String> answer = i1.postJson("/api/v1/jobs/echo", "{\"message\":\"i1 after the heal\"}");
                if (answer.statusCode() == 202) {
                    accepted.add(jobPath(answer));
                }
                return answer.statusCode() == 202;
            });
            long backAfter = (System.nanoTime() - healedAt) / 1_000_000;
            long heal = System.nanoTime();
            Await.until("every accepted job succeeded", 240, () -> accepted.stream().allMatch(path ->
                    "succeeded".equals(Api.json(i2.get(path)).getString("status"))));
            System.out.printf("[partition] i1/broker: i1 refused jobs %d ms after the cut (i2 accepted %d meanwhile), accepted "
                            + "again %d ms after the heal; all %d accepted jobs succeeded %d ms after the heal%n", refusedAfter,
                    duringCut, backAfter, accepted.size(), (System.nanoTime() - heal) / 1_000_000 + backAfter);
            load.close();
            assertThat(load.failures()).as("failed reads").isEmpty();
        }
    }

    /** Submits an echo job, expecting the status; the job's path when accepted. */
    private static String submit(Api instance, int status) {
        HttpResponse<String> answer = instance.postJson("/api/v1/jobs/echo", "{\"message\":\"partition\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return jobPath(answer);
    }

    private static String jobPath(HttpResponse<String> accepted) {
        String location = accepted.headers().firstValue("Location").orElseThrow();
        return location.substring(location.indexOf("/api/v1/"));
    }

    /** Who serves ten fresh reads through HAProxy (past the edge cache); each must succeed. */
    private static List<String> newReadsServedBy() {
        Api api = Api.throughHaproxy();
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> read = api.getFromOrigin("/api/v1/products/SKU-000001");
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            servedBy.add(Api.servedBy(read));
        }
        return servedBy;
    }

    private static String instanceAddress(String instance) {
        return Stack.get().property("scaleshop.instance." + instance + ".address");
    }
}
