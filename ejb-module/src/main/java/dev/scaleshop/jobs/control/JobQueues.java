package dev.scaleshop.jobs.control;

/** Broker queue names; the broker creates them durably at stack setup (server-config/bin/stack). */
public final class JobQueues {

    public static final String ECHO = "scaleshop.jobs.echo";
    public static final String INVOICE = "scaleshop.jobs.invoice";
    /** Where the broker parks job messages after the last delivery attempt (broker address settings). */
    public static final String DEAD_LETTERS = "scaleshop.deadletter.jobs";
    /** Message property with the job id; the body stays empty so messages carry ids, not entities. */
    public static final String JOB_ID_PROPERTY = "scaleshopJobId";

    private JobQueues() {
    }
}
