package dev.scaleshop.problems;

import jakarta.ejb.ApplicationException;

/**
 * A part of the system the request needs is down for now (a customer's shard server): the web tier
 * answers 503 problem+json with {@code Retry-After}. Not the client's fault, not a bug either.
 */
@ApplicationException(rollback = true)
public class UnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String problemType;
    private final int retryAfterSeconds;

    public UnavailableException(String problemType, String detail, int retryAfterSeconds, Throwable cause) {
        super(detail, cause);
        this.problemType = problemType;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String problemType() {
        return problemType;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
