package dev.scaleshop.partner.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code scaleshop_partner_calls_total{operation, outcome}} at /metrics: every call of the partner SOAP
 * service by operation, {@code outcome} "ok" or the fault's code (what partners get wrong, what fails).
 */
@ApplicationScoped
public class PartnerMetrics {

    static final String CALLS = "scaleshop_partner_calls_total";

    @Inject
    MetricRegistry metrics;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public void called(String operation, String outcome) {
        counters.computeIfAbsent(operation + "/" + outcome, key -> metrics.counter(Metadata.builder().withName(CALLS)
                .withDescription("partner SOAP calls by operation and outcome (ok or the fault code)").build(),
                new Tag("operation", operation), new Tag("outcome", outcome))).inc();
    }
}
