package dev.scaleshop.system;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition; system behaviour is eventually true, never instantly. */
final class Await {

    private Await() {
    }

    static void until(String what, int timeoutSeconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            sleep(500);
        }
        throw new AssertionError("timed out after " + timeoutSeconds + " s waiting for: " + what, last);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
