package dev.scaleshop.identity.boundary;

import dev.scaleshop.problems.InvalidRequestException;

/** Too many failed logins for this account or from this address: 429 with Retry-After. */
public class LoginThrottledException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public LoginThrottledException(long retryAfterSeconds) {
        super(429, "login-throttled", "too many failed logins; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
