package dev.scaleshop.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;

import dev.scaleshop.catalog.boundary.Catalog;
import dev.scaleshop.catalog.boundary.ProductQuery;
import dev.scaleshop.catalog.boundary.ProductPage;
import dev.scaleshop.catalog.boundary.ProductView;
import dev.scaleshop.catalog.control.Replica;
import dev.scaleshop.catalog.control.ReplicaMonitor;
import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.jobs.entity.Job;
import dev.scaleshop.jobs.entity.JobStatus;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.jms.ConnectionFactory;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceUnit;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The persistence units against the real main database: replica reads are served by a streaming
 * standby, transactional work by the primary, and a job's row and message commit or roll
 * back together (XA with the Artemis adapter). Runs inside Payara Micro.
 */
@ExtendWith(ArquillianExtension.class)
class PersistenceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.businessComponents("persistence-it");
    }

    @EJB
    Catalog catalog;

    @EJB
    Jobs jobs;

    @EJB
    ReplicaMonitor replicas;

    @PersistenceUnit(unitName = "scaleshop-replica")
    EntityManagerFactory replicaUnit;

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager primary;

    @Resource
    UserTransaction transaction;

    @Resource(lookup = "jms/scaleshop")
    ConnectionFactory connectionFactory;

    @Test
    void findsASeededProductWithItsCategory() {
        Optional<ProductView> product = catalog.productBySku("SKU-000042");

        assertThat(product).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("Product 42");
            assertThat(p.categorySlug()).isEqualTo("electronics-accessories");
        });
    }

    @Test
    void pagesADepartmentThroughItsSubcategories() {
        ProductPage page = catalog.products(ProductQuery.parse(null, "books", null, null, null, "3", "50"));

        assertThat(page.totalItems()).isEqualTo(2400);
        assertThat(page.items()).hasSize(50)
                .allSatisfy(p -> assertThat(p.categorySlug()).startsWith("books-"));
        assertThat(page.items()).extracting(ProductView::sku).isSorted();
    }

    @Test
    void replicaEntityManagersReadFromAStandbyAndThePrimaryUnitFromThePrimary() throws Exception {
        Replica replica = replicas.forRead().orElseThrow();
        EntityManager onReplica = replicaUnit.createEntityManager(replica.entityManagerProperties());
        try {
            assertThat(inRecovery(onReplica)).as("read through %s runs on a standby", replica.name()).isTrue();
        } finally {
            onReplica.close();
        }

        transaction.begin();
        try {
            assertThat(inRecovery(primary)).as("transactional read runs on the primary").isFalse();
        } finally {
            transaction.rollback();
        }
    }

    @Test
    void aCommittedSubmissionStoresTheJobAndSendsItsMessage() throws Exception {
        transaction.begin();
        Job job = jobs.submitEcho("committed", "persistence-it-commit");
        transaction.commit();

        assertThat(jobs.find(job.id())).hasValueSatisfying(j -> assertThat(j.status()).isEqualTo(JobStatus.QUEUED));
        assertThat(Queues.count(connectionFactory, JobQueues.ECHO, selector(job.id()))).isEqualTo(1);
    }

    @Test
    void aRolledBackSubmissionLeavesNeitherRowNorMessage() throws Exception {
        transaction.begin();
        Job job = jobs.submitEcho("rolled back", "persistence-it-rollback");
        transaction.rollback();

        assertThat(jobs.find(job.id())).isEmpty();
        assertThat(Queues.count(connectionFactory, JobQueues.ECHO, selector(job.id()))).isZero();
    }

    private static boolean inRecovery(EntityManager em) {
        return (Boolean) em.createNativeQuery("SELECT pg_is_in_recovery()").getSingleResult();
    }

    private static String selector(UUID jobId) {
        return JobQueues.JOB_ID_PROPERTY + " = '" + jobId + "'";
    }
}
