package dev.scaleshop.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Catalog reads through HAProxy from a few client threads, past the edge cache, until stopped: every answer
 * counted by the instance that served it, every failure (not 200, or no answer within 90 s) kept. The timeout
 * outlasts HAProxy's own (a request stuck on a cut-off instance is retried elsewhere after 30 s).
 */
final class ReadLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong answered = new AtomicLong();
    private final Map<String, AtomicLong> servedBy = new ConcurrentHashMap<>();
    private final Map<String, Long> firstServedAt = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    static ReadLoad start(int clients) {
        ReadLoad load = new ReadLoad();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> load.run(client), "read-load-" + i);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void run(int client) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        java.util.Random random = new java.util.Random(client);
        while (running.get()) {
            String path = "/api/v1/products/SKU-" + String.format("%06d", 1 + random.nextInt(500));
            HttpRequest request = HttpRequest.newBuilder(URI.create(Stack.get().baseUrl() + path))
                    .header("Cache-Control", "no-cache").timeout(Duration.ofSeconds(90)).GET().build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    answered.incrementAndGet();
                    servedBy.computeIfAbsent(Api.servedBy(response), k -> new AtomicLong()).incrementAndGet();
                    firstServedAt.putIfAbsent(Api.servedBy(response), System.nanoTime());
                } else {
                    failures.add(path + " " + response.statusCode() + " " + response.body());
                }
            } catch (Exception e) {
                failures.add(path + " " + e);
            }
        }
    }

    long answered() {
        return answered.get();
    }

    /** Answers served by each instance so far. */
    Map<String, Long> servedBy() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        servedBy.forEach((instance, count) -> counts.put(instance, count.get()));
        return counts;
    }

    /** When (System.nanoTime) the first answer from {@code instance} came, if one did. */
    java.util.Optional<Long> firstServedAt(String instance) {
        return java.util.Optional.ofNullable(firstServedAt.get(instance));
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops and waits for the requests in flight. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(120_000);
        }
    }
}
