package dev.scaleshop.clustering.control;

import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The data grid as this instance sees it, for operators and the split-brain test: {@code scaleshop_grid_members}
 * (every member of the cluster this instance is in, the DAS included). After a network split
 * each side reports its own cluster; once the split heals and the grid merges, every instance reports all
 * members again. It is read from the member's local view: no grid call.
 */
@ApplicationScoped
public class GridMembership {

    @Inject
    HazelcastInstance hazelcast;

    @Inject
    MetricRegistry metrics;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        metrics.gauge(Metadata.builder().withName("scaleshop_grid_members")
                .withDescription("data-grid members in the cluster this instance belongs to (the DAS included)").build(),
                this, GridMembership::members);
    }

    double members() {
        return hazelcast.getCluster().getMembers().size();
    }
}
