package dev.scaleshop.jobs.control;

/** Broker queue names; the broker creates them durably at stack setup (server-config/bin/stack). */
public final class JobQueues {

    public static final String ECHO = "scaleshop.jobs.echo";
    public static final String INVOICE = "scaleshop.jobs.invoice";
    public static final String THUMBNAIL = "scaleshop.jobs.thumbnail";
    public static final String REPORT = "scaleshop.jobs.report";
    /** Every queue a worker consumes, in the order operators see them. */
    public static final java.util.List<String> WORK = java.util.List.of(ECHO, INVOICE, THUMBNAIL, REPORT);
    /** Where the broker parks job messages after the last delivery attempt (broker address settings). */
    public static final String DEAD_LETTERS = "scaleshop.deadletter.jobs";
    /** Message property with the job id; the body stays empty so messages carry ids, not entities. */
    public static final String JOB_ID_PROPERTY = "scaleshopJobId";

    /** Job type → the queue its messages go to. */
    public static final java.util.Map<String, String> QUEUE_OF_TYPE = java.util.Map.of("echo", ECHO, "invoice", INVOICE,
            "thumbnail", THUMBNAIL, "sales-report", REPORT);

    /** The queue a job type's messages go to; empty for a type no worker serves. */
    public static java.util.Optional<String> forType(String type) {
        return java.util.Optional.ofNullable(QUEUE_OF_TYPE.get(type));
    }

    /** The job types whose messages go to {@code queue}. */
    public static java.util.Set<String> typesOf(String queue) {
        return QUEUE_OF_TYPE.entrySet().stream().filter(e -> e.getValue().equals(queue)).map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The queue's short name, as configuration keys use it: scaleshop.jobs.invoice → invoice. */
    public static String shortName(String queue) {
        return queue.substring(queue.lastIndexOf('.') + 1);
    }

    private JobQueues() {
    }
}
