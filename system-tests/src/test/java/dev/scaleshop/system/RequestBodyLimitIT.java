package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The REST API reads at most {@code scaleshop.api.max-body-bytes} (1 MiB) of a request body: a larger
 * declared body is refused with 413 problem+json before it is read, a chunked one the moment it passes the
 * limit, and no body can run an instance out of memory (eight parallel 60 MB bodies did, before). Raw
 * sockets: the client writes its body while it reads the answer, as a real client that is refused midway.
 */
class RequestBodyLimitIT {

    private static final int MIB = 1024 * 1024;

    @Test
    void eightParallelSixtyMegabyteBodiesDeclaredOrChunkedAreRefusedWith413AndNoInstanceRunsOutOfMemory() throws Exception {
        long oomBefore = outOfMemoryLines();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                boolean chunked = i % 2 == 1; // no length to refuse at HAProxy: each instance stops reading at the limit
                // a token-bucket route: the job route's leaky bucket refuses a second request within its
                // emission interval (1 ms at the test run's lifted rate), whatever the body
                answers.add(clients.submit(() -> post(Stack.get().baseUrl(), "/api/v1/products", 60L * MIB, chunked)));
            }
            for (Future<String> answer : answers) {
                assertRefused(answer.get(120, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        for (String instance : Stack.get().instances().keySet()) {
            assertThat(new Api(Stack.get().instanceUrl(instance)).get("/health/ready").statusCode())
                    .as("%s still ready", instance).isEqualTo(200);
        }
        assertThat(outOfMemoryLines()).as("OutOfMemoryError lines in the instances' logs").isEqualTo(oomBefore);
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
        assertRefused(post(Stack.get().baseUrl(), "/api/v1/jobs/echo", 3L * MIB, true));
    }

    @Test
    void aDeclaredLengthJustOverTheLimitIsRefusedOnEachInstance() throws Exception {
        for (String instance : Stack.get().instances().keySet()) {
            assertRefused(post(Stack.get().instanceUrl(instance), "/api/v1/customers", MIB + 1, false));
        }
    }

    @Test
    void aChunkedBodyWithinTheLimitIsServed() throws Exception {
        String answer = RawHttp.exchange(Stack.get().baseUrl(), "POST /api/v1/jobs/echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Type: application/json\r\n", RawHttp.chunked("{\"message\":\"chunked and small\"}"));
        assertThat(answer).startsWith("HTTP/1.1 202");
    }

    private static void assertRefused(String answer) {
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).contains("application/problem+json").contains("https://scaleshop.dev/problems/request-too-large");
    }

    private static String post(String base, String path, long length, boolean chunked) throws Exception {
        return RawHttp.postFiller(base, path, "Content-Type: application/json\r\n", length, chunked);
    }

    private static long outOfMemoryLines() {
        return Stack.get().instances().keySet().stream().mapToLong(i -> Stack.get().logLines(i, "OutOfMemoryError").size()).sum();
    }
}
