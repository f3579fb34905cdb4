package dev.scaleshop.identity.boundary;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.customers.boundary.CustomerView;
import dev.scaleshop.identity.control.AccessTokens;
import dev.scaleshop.identity.control.LoginThrottle;
import dev.scaleshop.identity.control.PasswordPolicy;
import dev.scaleshop.identity.control.Passwords;
import dev.scaleshop.identity.entity.Account;
import dev.scaleshop.identity.entity.Role;
import dev.scaleshop.platform.control.Sha256;
import dev.scaleshop.platform.control.UuidV7;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registration and login. Password hashing (deliberately slow) runs outside any transaction; the
 * short transactional steps are {@link AccountStore}'s. Failures never say whether an address exists.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Identity {

    private static final Logger LOG = Logger.getLogger(Identity.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    AccountStore store;

    @Inject
    Passwords passwords;

    @Inject
    AccessTokens accessTokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    @ConfigProperty(name = "scaleshop.identity.refresh-token.ttl-seconds", defaultValue = "604800")
    long refreshTtlSeconds;

    public CustomerView register(Registration registration) {
        PasswordPolicy.weakness(registration.password(), registration.email()).ifPresent(why -> {
            throw new InvalidRequestException("weak-password", why);
        });
        String hash = passwords.hash(registration.password());
        Account account = store.create(registration.email(), hash, Set.of(Role.CUSTOMER), registration.name().strip(),
                registration.address().toAddress(), Instant.now());
        LOG.info(() -> "SCALESHOP-IDENTITY-001 customer " + account.id() + " registered");
        return new CustomerView(account.id(), account.email(), registration.name().strip(),
                registration.address().toAddress());
    }

    /** An administrator account without a profile (the stack creates the first one). */
    public Account createAdministrator(String email, String password) {
        return createAccount(email, password, Set.of(Role.ADMIN));
    }

    /** An account without a customer profile, for partners and administrators (an admin creates it). */
    public Account createAccount(String email, String password, Set<String> roles) {
        PasswordPolicy.weakness(password, email).ifPresent(why -> {
            throw new InvalidRequestException("weak-password", why);
        });
        Account account = store.create(email, passwords.hash(password), roles, null, null, Instant.now());
        LOG.info(() -> "SCALESHOP-IDENTITY-002 account " + account.id() + " (" + email + ") created with roles " + roles);
        return account;
    }

    public boolean administratorExists() {
        return store.anyWithRole(Role.ADMIN);
    }

    /** The resource-owner password grant. Throttled per account and per client address. */
    public Tokens login(String email, String password, String clientAddress) {
        return tokensFor(verified(email, password, clientAddress), UuidV7.next());
    }

    /**
     * A partner's credentials (HTTP Basic on the SOAP endpoint), checked like a login: throttled, 401
     * {@code invalid-credentials} when wrong, 403 {@code not-a-partner} for an account without the role.
     */
    public UUID partner(String email, String password, String clientAddress) {
        Account account = verified(email, password, clientAddress);
        if (!account.roles().contains(Role.PARTNER)) {
            throw new InvalidRequestException(403, "not-a-partner", "this account has no partner access");
        }
        return account.id();
    }

    private Account verified(String email, String password, String clientAddress) {
        long now = System.currentTimeMillis();
        String key = Account.key(email);
        OptionalLong wait = throttle.retryAfter(key, clientAddress, now);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.getAsLong());
        }
        Optional<Account> account = store.byEmail(email);
        boolean valid;
        if (account.isPresent()) {
            valid = passwords.matches(password, account.get().passwordHash()) && account.get().isActive();
        } else {
            passwords.verifyNothing(password);
            valid = false;
        }
        if (!valid) {
            throttle.failed(key, clientAddress, now);
            LOG.info(() -> "SCALESHOP-IDENTITY-010 failed login from " + clientAddress);
            throw invalidCredentials();
        }
        throttle.succeeded(key, clientAddress);
        if (passwords.weakerThanConfigured(account.get().passwordHash())) {
            store.rehash(account.get().id(), account.get().passwordHash(), passwords.hash(password));
            LOG.info(() -> "SCALESHOP-IDENTITY-011 password hash of account " + account.get().id() + " raised to the configured strength");
        }
        return account.get();
    }

    /** The refresh-token grant: a new access token and a new refresh token; the old one is spent. */
    public Tokens refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw invalidCredentials();
        }
        return store.spendRefreshToken(Sha256.hex(refreshToken), Instant.now())
                .map(spent -> tokensFor(spent.account(), spent.family()))
                .orElseThrow(Identity::invalidCredentials);
    }

    /**
     * Logout: the refresh token's family (this login and its rotations) can no longer be used. Access tokens
     * already issued stay valid until they expire (minutes): they are not looked up anywhere.
     */
    public void logout(String refreshToken) {
        if (refreshToken != null && !refreshToken.isBlank()) {
            store.revokeFamily(Sha256.hex(refreshToken), Instant.now());
        }
    }

    private Tokens tokensFor(Account account, UUID family) {
        Instant now = Instant.now();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        store.storeRefreshToken(Sha256.hex(refresh), account.id(), family, now, now.plusSeconds(refreshTtlSeconds));
        return new Tokens(accessTokens.issue(account, now), accessTokens.ttlSeconds(), refresh, refreshTtlSeconds);
    }

    private static InvalidRequestException invalidCredentials() {
        return new InvalidRequestException(401, "invalid-credentials", "the e-mail address or the password is wrong");
    }
}
