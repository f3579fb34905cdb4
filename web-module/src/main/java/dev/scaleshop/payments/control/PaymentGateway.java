package dev.scaleshop.payments.control;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.orders.boundary.PaymentOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Payment authorization, guarded by MicroProfile Fault Tolerance so that a slow or failing provider
 * never holds checkout up for long:
 * <ul>
 * <li>an attempt ends after 0.5 s without a connection or 1.5 s without an answer: the Rest Client's
 * {@code connectTimeout} and {@code readTimeout}. Not {@code @Timeout}: it cannot interrupt a blocking socket
 * read (the call went on until the read timeout anyway — 4.4 s for two attempts with a 2 s read timeout), and
 * Payara's implementation schedules a task per call, whose context capture scans the class path (issue 16);</li>
 * <li>{@code @Retry} once, 200 ms later, only for what cannot charge twice: the order id is the
 * provider's Idempotency-Key, so a repeated authorization returns the first one. Only timeouts and
 * connection failures ({@link ProcessingException}) and 5xx answers are retried; a 4xx is our bug and is not;</li>
 * <li>{@code @CircuitBreaker}: half of 8 calls failing opens it for 10 s — then checkout does not wait
 * for the provider at all;</li>
 * <li>{@code @Bulkhead} 16 concurrent calls per instance, so a slow provider cannot take every request
 * thread;</li>
 * <li>{@code @Fallback}: the order stays {@code PAYMENT_PENDING} and {@link PaymentRetry} tries again
 * later.</li>
 * </ul>
 * Every parameter can be changed in MicroProfile Config, e.g.
 * {@code dev.scaleshop.payments.control.PaymentGateway/authorize/Retry/maxRetries=2} or
 * {@code payment-provider/mp-rest/readTimeout=3000}.
 */
@ApplicationScoped
public class PaymentGateway {

    private static final Logger LOG = Logger.getLogger(PaymentGateway.class.getName());

    /** The provider answered 5xx: it may succeed on another try. */
    public static class ProviderUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProviderUnavailableException(String message) {
            super(message);
        }
    }

    @Inject
    @RestClient
    PaymentProviderClient provider;

    @Retry(maxRetries = 1, delay = 200, jitter = 100,
            retryOn = {ProviderUnavailableException.class, ProcessingException.class})
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    @Bulkhead(16)
    @Fallback(fallbackMethod = "later")
    public PaymentOutcome authorize(UUID orderId, BigDecimal amount, String currency) {
        JsonObject request = Jsons.createObjectBuilder()
                .add("amount", amount.toPlainString()).add("currency", currency).add("reference", orderId.toString()).build();
        try (Response response = provider.authorize(orderId.toString(), request)) {
            if (response.getStatus() >= 500) {
                throw new ProviderUnavailableException("payment provider answered " + response.getStatus());
            }
            if (response.getStatus() != 201 && response.getStatus() != 200) {
                throw new IllegalStateException("payment provider refused the request: " + response.getStatus() + " "
                        + response.readEntity(String.class));
            }
            String status = response.readEntity(JsonObject.class).getString("status");
            return "AUTHORIZED".equals(status) ? PaymentOutcome.AUTHORIZED : PaymentOutcome.DECLINED;
        }
    }

    /** Provider slow, failing, down, or the circuit open: decide later. */
    PaymentOutcome later(UUID orderId, BigDecimal amount, String currency) {
        LOG.info(() -> "SCALESHOP-PAYMENT-010 authorization of order " + orderId + " deferred (provider unavailable)");
        return PaymentOutcome.PENDING;
    }
}
