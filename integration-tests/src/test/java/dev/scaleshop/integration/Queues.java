package dev.scaleshop.integration;

import java.util.Collections;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;

/** Looks at broker queues without consuming: counts the messages a selector matches. */
final class Queues {

    private Queues() {
    }

    static int count(ConnectionFactory factory, String queue, String selector) {
        try (JMSContext context = factory.createContext();
             QueueBrowser browser = context.createBrowser(context.createQueue(queue), selector)) {
            return Collections.list(browser.getEnumeration()).size();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + queue, e);
        }
    }

    static void drain(ConnectionFactory factory, String queue, String selector) {
        try (JMSContext context = factory.createContext();
             var consumer = context.createConsumer(context.createQueue(queue), selector)) {
            while (consumer.receive(500) != null) {
                // discard
            }
        }
    }
}
