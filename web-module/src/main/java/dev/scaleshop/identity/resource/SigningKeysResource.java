package dev.scaleshop.identity.resource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public keys access tokens are verified with, as a JSON Web Key Set (RFC 7517): the same file every
 * instance verifies against ({@code mp.jwt.verify.publickey.location}), so another service can verify our
 * tokens too. During a rotation it holds the new key and the retiring one; each key has its {@code kid}.
 */
@jakarta.ws.rs.Path("auth/jwks")
@ApplicationScoped
public class SigningKeysResource {

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String keySetLocation;

    @GET
    public Response keys() {
        try {
            String keySet = Files.readString(Path.of(URI.create(keySetLocation)));
            CacheControl cache = new CacheControl();
            cache.setMaxAge(60);
            return Response.ok(keySet, "application/jwk-set+json").cacheControl(cache).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new ServiceUnavailableException("the key set cannot be read");
        }
    }
}
