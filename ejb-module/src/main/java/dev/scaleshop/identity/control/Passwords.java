package dev.scaleshop.identity.control;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password hashes with Jakarta Security's PBKDF2 (HMAC-SHA-256, 16-byte salt, 32-byte key). The
 * iteration count is configuration: hashes keep their own parameters, so raising it only affects new
 * hashes. A login for an unknown address still runs one verification, so timing tells nothing.
 */
@ApplicationScoped
public class Passwords {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.pbkdf2.iterations", defaultValue = "210000")
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

    /** Spends the time of a verification without an account: unknown and known addresses look alike. */
    public void verifyNothing(String password) {
        pbkdf2.verify(password.toCharArray(), dummyHash);
    }
}
