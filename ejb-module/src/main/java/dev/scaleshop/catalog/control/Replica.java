package dev.scaleshop.catalog.control;

import java.util.Map;

import javax.sql.DataSource;

import dev.scaleshop.platform.control.DataSources;

/**
 * One streaming replica of the main database as the catalog routes reads to it: its connection pool
 * (a JNDI data source of its own, so a read can be sent to exactly this replica) and what the last
 * probe of {@link ReplicaMonitor} saw of it.
 */
public final class Replica {

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
        return new Replica(jndiName.strip(), DataSources.lookUp(jndiName, "scaleshop.catalog.replicas"));
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
        return DataSources.entityManagerProperties(dataSource);
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
