package dev.scaleshop.tracing.control;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Correlation ids that travel HTTP → JMS → worker logs. A caller-supplied id is kept only if it is
 * short and made of safe characters: it ends up in log lines and headers, so anything else is replaced.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** JMS property carrying the id (JMS property names must be Java identifiers). */
    public static final String JMS_PROPERTY = "scaleshopRequestId";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    public static String acceptOrGenerate(String supplied) {
        if (supplied != null && SAFE.matcher(supplied).matches()) {
            return supplied;
        }
        return UUID.randomUUID().toString();
    }
}
