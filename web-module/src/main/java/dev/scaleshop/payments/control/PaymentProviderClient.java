package dev.scaleshop.payments.control;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The card payment provider's API (MicroProfile Rest Client). Its address and timeouts are
 * configuration: {@code payment-provider/mp-rest/url}, {@code /connectTimeout}, {@code /readTimeout}.
 * Answers come back as {@link Response}, so the gateway decides what is retryable — not a generic
 * exception mapper.
 */
@RegisterRestClient(configKey = "payment-provider")
@Path("/v1/authorizations")
public interface PaymentProviderClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response authorize(@HeaderParam("Idempotency-Key") String idempotencyKey, JsonObject authorization);
}
