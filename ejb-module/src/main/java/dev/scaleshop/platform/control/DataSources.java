package dev.scaleshop.platform.control;

import java.util.Map;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Data sources chosen per entity manager: a replica of the main database for a read, a shard server
 * for a customer's data. The pools are JNDI resources the stack creates; the names come from
 * configuration.
 */
public final class DataSources {

    /** The standard JPA property that gives one entity manager its own (non-JTA) data source. */
    private static final String NON_JTA_DATA_SOURCE = "jakarta.persistence.nonJtaDataSource";
    /**
     * Without it EclipseLink uses that data source for writes only and reads through the unit's shared
     * read pool (the unit's default data source); "Always" sends the entity manager's reads to its own
     * connection too.
     */
    private static final String EXCLUSIVE_CONNECTION_MODE = "eclipselink.jdbc.exclusive-connection.mode";

    private DataSources() {
    }

    /** Fails the deployment loudly when a configured pool does not exist. */
    public static DataSource lookUp(String jndiName, String configKey) {
        try {
            return InitialContext.doLookup(jndiName.strip());
        } catch (NamingException e) {
            throw new IllegalStateException("data source " + jndiName + " (" + configKey + ") is not bound: " + e.getMessage(), e);
        }
    }

    /** Entity manager properties that send every statement of that entity manager to this data source. */
    public static Map<String, Object> entityManagerProperties(DataSource dataSource) {
        return Map.of(NON_JTA_DATA_SOURCE, dataSource, EXCLUSIVE_CONNECTION_MODE, "Always");
    }
}
