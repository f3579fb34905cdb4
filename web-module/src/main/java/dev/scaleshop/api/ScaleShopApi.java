package dev.scaleshop.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, version 1. Versioned in the path so a v2 can run beside it during migrations. */
@ApplicationPath("/api/v1")
public class ScaleShopApi extends Application {
}
