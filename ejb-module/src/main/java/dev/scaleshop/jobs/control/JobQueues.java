package dev.scaleshop.jobs.control;

/** Broker queue names; the broker creates them durably at stack setup (server-config/bin/stack). */
public final class JobQueues {

    public static final String ECHO = "scaleshop.jobs.echo";
    public static final String INVOICE = "scaleshop.jobs.invoice";
    /** Message property with the job id; the body stays empty so messages carry ids, not entities. */
    public static final String JOB_ID_PROPERTY = "scaleshopJobId";

    private JobQueues() {
    }
}
