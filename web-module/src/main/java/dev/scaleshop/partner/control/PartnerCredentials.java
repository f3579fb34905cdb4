package dev.scaleshop.partner.control;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.scaleshop.identity.boundary.Identity;
import dev.scaleshop.identity.entity.Account;
import dev.scaleshop.platform.control.Sha256;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Partner credentials from HTTP Basic, checked by identity like a login (PBKDF2, throttled). A partner
 * system sends them with every call, and a PBKDF2 verification costs ~0.1 s of CPU: so a verified pair
 * is remembered on this instance for {@code scaleshop.partner.credentials-cache-seconds} (60), keyed by
 * a SHA-256 of address and password (the password itself is never kept). A changed password or a
 * disabled account takes effect within that time; a wrong password is never remembered.
 */
@ApplicationScoped
public class PartnerCredentials {

    private static final int MAX_REMEMBERED = 10_000;

    @EJB
    Identity identity;

    @Inject
    @ConfigProperty(name = "scaleshop.partner.credentials-cache-seconds", defaultValue = "60")
    Provider<Long> cacheSeconds; // re-read: changeable at run time (0 verifies every call: bench/partner-soap.sh)

    private record Verified(UUID partnerId, long until) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /** The partner's account id; identity's refusals (401, 403, 429) as they are. */
    public UUID partner(String email, String password, String clientAddress) {
        String key = digest(email, password);
        long now = System.nanoTime();
        Verified known = verified.get(key);
        if (known != null && now - known.until() < 0) {
            return known.partnerId();
        }
        UUID partner = identity.partner(email, password, clientAddress);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear(); // crude but bounded; the next calls verify once more
        }
        long seconds = cacheSeconds.get();
        if (seconds > 0) {
            verified.put(key, new Verified(partner, now + seconds * 1_000_000_000L));
        }
        return partner;
    }

    private static String digest(String email, String password) {
        return Sha256.hex(Account.key(email) + '\0' + password);
    }
}
