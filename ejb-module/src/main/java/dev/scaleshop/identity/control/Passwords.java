package dev.scaleshop.identity.control;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password hashes with Jakarta Security's PBKDF2 (HMAC-SHA-256, 16-byte salt, 32-byte key), 600,000
 * iterations (OWASP's figure for PBKDF2-HMAC-SHA256; was 210,000). The iteration count is configuration:
 * a hash keeps its own parameters ({@code algorithm:iterations:salt:hash}), so older hashes keep verifying
 * and {@link #weakerThanConfigured} tells the login to store a new one. A login for an unknown address still
 * runs one verification, so timing tells nothing.
 */
@ApplicationScoped
public class Passwords {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.pbkdf2.iterations", defaultValue = "600000")
    int iterations;

    private String dummyHash;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", String.valueOf(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        dummyHash = pbkdf2.generate("not-a-password-of-anyone".toCharArray());
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return pbkdf2.verify(password.toCharArray(), hash);
    }

    /** A hash made with fewer iterations (or another algorithm) than configured now. */
    public boolean weakerThanConfigured(String hash) {
        String[] parts = hash.split(":");
        try {
            return parts.length != 4 || !"PBKDF2WithHmacSHA256".equals(parts[0]) || Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Spends the time of a verification without an account: unknown and known addresses look alike. */
    public void verifyNothing(String password) {
        pbkdf2.verify(password.toCharArray(), dummyHash);
    }
}
