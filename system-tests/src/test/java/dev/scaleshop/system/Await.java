package dev.scaleshop.system;

import java.time.Duration;

/** Polls a condition; system behaviour is eventually true, never instantly. */
final class Await {

    private Await() {
    }

    /** A condition to poll; one that throws counts as not yet met (the last failure is reported on timeout). */
    @FunctionalInterface
    interface Condition {
        boolean met() throws Exception;
    }

    static void until(String what, int timeoutSeconds, Condition condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.met()) {
                    return;
                }
            } catch (Exception e) {
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
