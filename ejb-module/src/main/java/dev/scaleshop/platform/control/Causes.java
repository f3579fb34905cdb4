package dev.scaleshop.platform.control;

import java.sql.SQLException;
import java.util.stream.Stream;

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
}
