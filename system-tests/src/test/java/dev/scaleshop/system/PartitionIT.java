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
