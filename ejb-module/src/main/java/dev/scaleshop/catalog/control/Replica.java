package dev.scaleshop.catalog.control;

import java.util.Map;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * One streaming replica of the main database as the catalog routes reads to it: its connection pool
 * (a JNDI data source of its own, so a read can be sent to exactly this replica) and what the last
 * probe of {@link ReplicaMonitor} saw of it.
 */
public final class Replica {

    /** The standard JPA property that gives one entity manager its own (non-JTA) data source. */
    private static final String NON_JTA_DATA_SOURCE = "jakarta.persistence.nonJtaDataSource";
    /**
     * Without it EclipseLink uses that data source for writes only and reads through the unit's shared
     * read pool (the default replica); "Always" sends the entity manager's reads to its own connection.
     */
    private static final String EXCLUSIVE_CONNECTION_MODE = "eclipselink.jdbc.exclusive-connection.mode";

    private final String name;
    private final String jndiName;
    private final DataSource dataSource;
    private final ReplicaLag lag = new ReplicaLag();
    private volatile ReplicaState state = ReplicaState.unknown();

    Replica(String jndiName, DataSource dataSource) {
        this.jndiName = jndiName;
        this.name = jndiName.substring(jndiName.lastIndexOf('/') + 1);
        this.dataSource = dataSource;
    }

    /** Fails the deployment loudly when a configured replica pool does not exist. */
    static Replica lookUp(String jndiName) {
        try {
            return new Replica(jndiName.strip(), InitialContext.doLookup(jndiName.strip()));
        } catch (NamingException e) {
            throw new IllegalStateException("replica data source " + jndiName + " (scaleshop.catalog.replicas) "
                    + "is not bound: " + e.getMessage(), e);
        }
    }

    /** "replica1" for the data source jdbc/replica1: what logs, metrics and health details call it. */
    public String name() {
        return name;
    }

    public String jndiName() {
        return jndiName;
    }

    public ReplicaState state() {
        return state;
    }

    /** Entity manager properties that send every statement of that entity manager to this replica. */
    public Map<String, Object> entityManagerProperties() {
        return Map.of(NON_JTA_DATA_SOURCE, dataSource, EXCLUSIVE_CONNECTION_MODE, "Always");
    }

    DataSource dataSource() {
        return dataSource;
    }

    ReplicaLag lag() {
        return lag;
    }

    void state(ReplicaState next) {
        state = next;
    }

    @Override
    public String toString() {
        return name + " " + state;
    }
}
