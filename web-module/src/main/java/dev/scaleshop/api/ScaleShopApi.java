package dev.scaleshop.api;

import dev.scaleshop.identity.entity.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The REST API, version 1. Versioned in the path so a v2 can run beside it during migrations.
 * Callers authenticate with a bearer access token from {@code POST /api/v1/auth/token}, verified by
 * MicroProfile JWT on whichever instance answers; its {@code groups} are the roles. A CDI bean on
 * purpose: Payara's MP-JWT extension only sees {@code @LoginConfig} on a discovered bean (payara#6252,
 * "bean-discovery-mode all required for MP-JWT").
 */
@ApplicationScoped
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "scaleshop")
@DeclareRoles({Role.CUSTOMER, Role.PARTNER, Role.ADMIN})
public class ScaleShopApi extends Application {
}
