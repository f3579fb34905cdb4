package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * State shared by the deployment group's instances: HTTP sessions and JCache on Hazelcast, seen through the
 * cluster diagnostics — administrators only, off unless switched on (this class does, for its run), bounded.
 */
class ClusterStateIT {

    @BeforeAll
    static void diagnosticsOn() {
        Stack.get().diagnostics(true);
    }

    @AfterAll
    static void diagnosticsOff() {
        Stack.get().diagnostics(false);
    }

    @Test
    void diagnosticsAreForAdministratorsOnlyAndBounded() {
        Api api = Api.throughHaproxy();
        String admin = Stack.get().catalogAdmin();
        CatalogIT.assertProblem(api.putText("/api/v1/cluster/cache/anonymous", "x"), 401, "unauthorized");
        CatalogIT.assertProblem(api.putText("/api/v1/cluster/session/anonymous", "x"), 401, "unauthorized");
        IdentityIT.Customer customer = IdentityIT.Customer.register(api, "diagnostics");
        CatalogIT.assertProblem(api.putText("/api/v1/cluster/cache/customer", "x", "Authorization", customer.bearer()),
                403, "forbidden");

        CatalogIT.assertProblem(api.putText("/api/v1/cluster/cache/" + "k".repeat(65), "x", "Authorization", admin),
                400, "invalid-diagnostics-key");
        CatalogIT.assertProblem(api.putText("/api/v1/cluster/cache/big", "v".repeat(257), "Authorization", admin),
                400, "invalid-diagnostics-value");
        Api browser = Api.throughHaproxy();
        for (int i = 0; i < 8; i++) {
            assertThat(browser.putText("/api/v1/cluster/session/k" + i, "v", "Authorization", admin).statusCode()).isEqualTo(204);
        }
        CatalogIT.assertProblem(browser.putText("/api/v1/cluster/session/k8", "v", "Authorization", admin),
                400, "diagnostics-limit");
        assertThat(browser.putText("/api/v1/cluster/session/k0", "replaced", "Authorization", admin).statusCode())
                .as("an existing entry may change").isEqualTo(204);
    }

    @Test
    void aSessionWrittenOnOneInstanceIsReadOnTheOther() {
        Api browser = Api.throughHaproxy();
        String value = "cart-" + System.nanoTime();
        HttpResponse<String> write = browser.putText("/api/v1/cluster/session/cart", value, "Authorization", Stack.get().catalogAdmin());
        assertThat(write.statusCode()).isEqualTo(204);
        String writer = Api.servedBy(write);

        HttpResponse<String> read = readFromAnotherInstance(browser, "/api/v1/cluster/session/cart", writer);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(value);
    }

    @Test
    void aCacheEntryPutOnOneInstanceIsVisibleOnTheOther() {
        Api client = Api.throughHaproxy();
        String key = "k" + System.nanoTime();
        HttpResponse<String> put = client.putText("/api/v1/cluster/cache/" + key, "shared", "Authorization", Stack.get().catalogAdmin());
        assertThat(put.statusCode()).isEqualTo(204);

        HttpResponse<String> read = readFromAnotherInstance(client, "/api/v1/cluster/cache/" + key, Api.servedBy(put));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("shared");
    }

    @Test
    void haproxySpreadsRequestsOverBothInstances() {
        Api client = Api.throughHaproxy();
        Set<String> servers = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            servers.add(Api.servedBy(client.getFromOrigin("/api/v1/products/SKU-000001")));
        }
        assertThat(servers).containsExactlyInAnyOrderElementsOf(Stack.get().instances().keySet());
    }

    /**
     * An instance whose application is not running still answers /health/ready with 200 (no checks):
     * HAProxy must take it out anyway, and put it back once the application runs again.
     */
    @Test
    void anInstanceWithoutTheApplicationLeavesHaproxyRotation() {
        Stack.get().asadmin("disable", "--target", "i2", "scaleshop");
        try {
            Await.until("HAProxy takes i2 out", 30, () -> Stack.get().haproxyState("i2").equals("DOWN"));
            Api client = Api.throughHaproxy();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> response = client.getFromOrigin("/api/v1/products/SKU-000001");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(Api.servedBy(response)).isEqualTo("i1");
            }
        } finally {
            Stack.get().asadmin("enable", "--target", "i2", "scaleshop");
        }
        Stack.get().awaitAllInRotation();
        Api client = Api.throughHaproxy(); // slowstart ramps i2's weight up over 10 s
        Await.until("i2 serves again", 60,
                () -> Api.servedBy(client.getFromOrigin("/api/v1/products/SKU-000001")).equals("i2"));
    }

    /** Round-robin alternates; retry a few times in case health checks or other tests interleave. */
    static HttpResponse<String> readFromAnotherInstance(Api client, String path, String notThisOne) {
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> response = client.get(path, "Authorization", Stack.get().catalogAdmin());
            if (!Api.servedBy(response).equals(notThisOne)) {
                return response;
            }
        }
        throw new AssertionError("every read of " + path + " was served by " + notThisOne);
    }
}
