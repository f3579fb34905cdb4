package dev.scaleshop.catalog.control;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Replay lag in time, from LSN samples: each probe records the primary's WAL position and when it was
 * seen; the lag is the age of the oldest recorded position the replica has not replayed yet.
 * (PostgreSQL's own "now() - pg_last_xact_replay_timestamp()" jumps to the idle time since the last
 * commit as soon as one new transaction is pending, and would eject a healthy replica after a lull.)
 */
final class ReplicaLag {

    private static final int MAX_SAMPLES = 600;

    private record Sample(long lsn, long observedAtMillis) {
    }

    private final Deque<Sample> pending = new ArrayDeque<>();

    /** Records the primary's position and returns the lag in seconds given the replica's replay position. */
    synchronized double observe(long primaryLsn, long replayLsn, long nowMillis) {
        if (pending.isEmpty() || pending.peekLast().lsn() < primaryLsn) {
            pending.addLast(new Sample(primaryLsn, nowMillis));
        }
        while (!pending.isEmpty() && pending.peekFirst().lsn() <= replayLsn) {
            pending.removeFirst();
        }
        while (pending.size() > MAX_SAMPLES) {
            pending.removeFirst(); // keep the newest; the lag is then underestimated, never overestimated
        }
        return pending.isEmpty() ? 0 : (nowMillis - pending.peekFirst().observedAtMillis()) / 1000.0;
    }

    synchronized void reset() {
        pending.clear();
    }

    /** PostgreSQL's text form of an LSN, "16/B374D848", as one unsigned 64-bit position. */
    static long parse(String lsn) {
        int slash = lsn.indexOf('/');
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    }
}
