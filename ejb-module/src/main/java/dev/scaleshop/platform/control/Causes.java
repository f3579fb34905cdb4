package dev.scaleshop.platform.control;

import java.sql.SQLException;
import java.util.stream.Stream;

import jakarta.resource.spi.ResourceAllocationException;

/** What a persistence failure really was: JPA and the container wrap the JDBC exception several times. */
public final class Causes {

    private Causes() {
    }

    /** True if {@code type} is somewhere in the cause chain (the failure itself included). */
    public static boolean any(Throwable failure, Class<? extends Throwable> type) {
        return Stream.iterate(failure, cause -> cause != null, Throwable::getCause).anyMatch(type::isInstance);
    }

    /** Every SQLException in the cause chain, outermost first: none when the database never answered with one. */
    public static Stream<SQLException> sqlExceptions(Throwable failure) {
        return Stream.iterate(failure, cause -> cause != null, Throwable::getCause)
                .filter(SQLException.class::isInstance)
                .map(SQLException.class::cast);
    }

    /**
     * True if the database could not serve the statement for now rather than refused it: no connection or a broken
     * one (SQLState class 08), a server shutting down (57P), or a server that just stopped leading and is read-only
     * (25006) — what a failover looks like from the client — or no pooled connection to be had (the pool found the
     * one it handed out broken, or none came free in time). The same statement succeeds once a server leads again.
     */
    public static boolean databaseUnavailable(Throwable failure) {
        return any(failure, ResourceAllocationException.class)
                || sqlExceptions(failure).map(SQLException::getSQLState).anyMatch(state -> state != null
                        && (state.startsWith("08") || state.startsWith("57P") || state.equals("25006")));
    }
}
