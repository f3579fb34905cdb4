package dev.scaleshop.bench.floor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The container's floor: a JAX-RS application deployed beside ScaleShop on the same instances (its own
 * WAR, so none of ScaleShop's filters, security or caches run), which {@code bench/request-cost.sh}
 * measures as the cheapest request an instance can answer. Not part of the EAR.
 */
@ApplicationPath("/")
public class FloorApi extends Application {
}
