package dev.scaleshop.identity.boundary;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.scaleshop.customers.entity.CustomerProfile;
import dev.scaleshop.identity.entity.Account;
import dev.scaleshop.identity.entity.RefreshToken;
import dev.scaleshop.platform.control.Causes;
import dev.scaleshop.platform.control.UuidV7;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

/** The directory's transactional work on the primary; {@link Identity} keeps password hashing out of transactions. */
@Stateless
public class AccountStore {

    private static final String UNIQUE_VIOLATION = "23505";

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager em;

    /** The account and, for a customer, its profile, in one transaction; 409 if the address is taken. */
    public Account create(String email, String passwordHash, Set<String> roles, String name,
                          CustomerProfile.Address address, Instant now) {
        if (byEmail(email).isPresent()) {
            throw emailTaken();
        }
        Account account = new Account(UuidV7.next(), email.strip(), passwordHash, roles, now);
        em.persist(account);
        try {
            em.flush(); // a concurrent registration of the same address loses here, not at commit
        } catch (PersistenceException e) {
            if (Causes.sqlExceptions(e).anyMatch(sql -> UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                throw emailTaken();
            }
            throw e;
        }
        if (address != null) { // after the account row: no JPA relation tells EclipseLink the insert order
            em.persist(new CustomerProfile(account.id(), name, address, now));
        }
        return account;
    }

    private static InvalidRequestException emailTaken() {
        return InvalidRequestException.conflict("email-taken", "an account with this e-mail address exists");
    }

    public Optional<Account> byEmail(String email) {
        return em.createNamedQuery(Account.BY_EMAIL, Account.class).setParameter("emailKey", Account.key(email))
                .getResultStream().findFirst();
    }

    public Optional<Account> byId(UUID id) {
        return Optional.ofNullable(em.find(Account.class, id));
    }

    /** Stores a stronger hash of a password just verified against {@code verified} (raised PBKDF2 parameters). */
    public void rehash(UUID accountId, String verified, String stronger) {
        Account account = em.find(Account.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        if (account != null) {
            account.rehash(verified, stronger);
        }
    }

    public boolean anyWithRole(String role) {
        return em.createNamedQuery(Account.WITH_ROLE, Long.class).setParameter("pattern", "%" + role + "%")
                .getSingleResult() > 0;
    }

    public void storeRefreshToken(String tokenHash, UUID accountId, UUID family, Instant now, Instant expiresAt) {
        em.persist(new RefreshToken(tokenHash, accountId, family, now, expiresAt));
    }

    /** A refresh token just spent: its account and the family its successor joins. */
    public record Spent(Account account, UUID family) {
    }

    /** Logout: every token of the presented token's family is revoked; an unknown token changes nothing. */
    public void revokeFamily(String tokenHash, Instant now) {
        RefreshToken token = em.find(RefreshToken.class, tokenHash);
        if (token != null) {
            em.createNamedQuery(RefreshToken.REVOKE_FAMILY).setParameter("now", now.atOffset(java.time.ZoneOffset.UTC))
                    .setParameter("family", token.family()).executeUpdate();
        }
    }

    /** Deletes refresh tokens that expired before {@code before}; returns how many. */
    public int purgeExpired(Instant before) {
        return em.createNamedQuery(RefreshToken.PURGE).setParameter("before", before.atOffset(java.time.ZoneOffset.UTC))
                .executeUpdate();
    }

    /**
     * Spends a refresh token: its account if it was usable. A token presented a second time revokes every
     * refresh token of its account (someone else holds a copy); that revocation commits, the refresh fails.
     */
    public Optional<Spent> spendRefreshToken(String tokenHash, Instant now) {
        RefreshToken token = em.find(RefreshToken.class, tokenHash, LockModeType.PESSIMISTIC_WRITE);
        if (token == null) {
            return Optional.empty();
        }
        if (token.alreadyUsed()) {
            em.createNamedQuery(RefreshToken.REVOKE_ALL).setParameter("now", now.atOffset(java.time.ZoneOffset.UTC))
                    .setParameter("accountId", token.accountId()).executeUpdate();
            return Optional.empty();
        }
        if (!token.usableAt(now)) {
            return Optional.empty();
        }
        token.use(now);
        return byId(token.accountId()).filter(Account::isActive).map(account -> new Spent(account, token.family()));
    }
}
