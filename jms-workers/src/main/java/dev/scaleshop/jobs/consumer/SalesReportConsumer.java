package dev.scaleshop.jobs.consumer;

import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.reports.boundary.SalesReports;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Makes sales reports: every shard is asked at once, the answers merged and rendered as CSV and PDF.
 * Concurrency: {@code maxSession} 1 per instance — a report reads a whole period on every shard, and two at
 * once would compete with checkouts for the same databases.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = JobQueues.REPORT),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
public class SalesReportConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(SalesReportConsumer.class.getName());

    @EJB
    Jobs jobs;

    @EJB
    SalesReports reports;

    @Override
    public void onMessage(Message message) {
        JobMessages.process(message, jobs, LOG, SalesReports.JOB_TYPE, job -> reports.render(UUID.fromString(job.payload())));
    }
}
