package dev.scaleshop.catalog.control;

/** What the last probe saw of a replica. Lags are -1 when they could not be measured. */
public record ReplicaState(boolean inRotation, long lagBytes, double lagSeconds, String reason) {

    static ReplicaState unknown() {
        return new ReplicaState(true, -1, -1, "not probed yet");
    }

    static ReplicaState down(String reason) {
        return new ReplicaState(false, -1, -1, reason);
    }

    ReplicaState outOfRotation(String why) {
        return new ReplicaState(false, lagBytes, lagSeconds, why);
    }
}
