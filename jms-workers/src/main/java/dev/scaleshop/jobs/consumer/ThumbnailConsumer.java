package dev.scaleshop.jobs.consumer;

import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.images.boundary.ProductImages;
import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.control.JobQueues;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Scales uploaded product images into their sizes. Concurrency is server configuration: the system
 * property {@code scaleshop.jobs.thumbnail.max-session} on the instances' config (the stack sets 2; read
 * when the application starts), because scaling is CPU work that competes with request threads.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = JobQueues.THUMBNAIL),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${scaleshop.jobs.thumbnail.max-session}")
})
public class ThumbnailConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ThumbnailConsumer.class.getName());

    @EJB
    Jobs jobs;

    @EJB
    ProductImages images;

    @Override
    public void onMessage(Message message) {
        JobMessages.process(message, jobs, LOG, ProductImages.JOB_TYPE, job -> images.render(UUID.fromString(job.payload())));
    }
}
