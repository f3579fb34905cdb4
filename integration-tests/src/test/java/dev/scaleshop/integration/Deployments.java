package dev.scaleshop.integration;

import java.io.File;
import java.net.URISyntaxException;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Micro-deployments built from the business packages themselves, with the production persistence unit. */
final class Deployments {

    private Deployments() {
    }

    /** Catalog and jobs with their persistence unit; no message-driven bean consumes the job queue. */
    static WebArchive businessComponents(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackages(true, "dev.scaleshop.catalog", "dev.scaleshop.platform", "dev.scaleshop.problems",
                        "dev.scaleshop.tracing")
                .addPackages(false, "dev.scaleshop.jobs.boundary", "dev.scaleshop.jobs.control",
                        "dev.scaleshop.jobs.entity")
                .addClass(Queues.class)
                .addAsResource("META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(jarOf(org.assertj.core.api.Assertions.class));
    }

    /** The jar a test library was loaded from, to ship it inside the deployment (tests run in-container). */
    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same, plus the echo worker: jobs are completed inside the deployment (the other workers need orders). */
    static WebArchive withWorkers(String name) {
        return businessComponents(name).addClass("dev.scaleshop.jobs.consumer.EchoRequestedConsumer")
                .addClass("dev.scaleshop.jobs.consumer.JobMessages");
    }
}
