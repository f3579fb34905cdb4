package dev.scaleshop.bench.floor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A constant JSON body of about a product's size: the cost is the container's, not the resource's. */
@Path("floor")
@ApplicationScoped
public class FloorResource {

    private static final String BODY = "{\"sku\":\"FLOOR-000001\",\"name\":\"The container's floor\","
            + "\"description\":\"A constant answer: what JAX-RS on this instance costs before any application work.\","
            + "\"price\":{\"amount\":\"9.99\",\"currency\":\"EUR\"},\"stock\":1}";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String floor() {
        return BODY;
    }
}
