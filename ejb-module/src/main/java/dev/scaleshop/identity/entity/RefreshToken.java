package dev.scaleshop.identity.entity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A refresh token, known only by its SHA-256; usable once, then replaced by a new one of the same family
 * (a family starts at a login: one device or client).
 */
@Entity
@Table(name = "refresh_token")
@NamedQuery(name = RefreshToken.REVOKE_ALL, query = "UPDATE RefreshToken t SET t.revokedAt = :now "
        + "WHERE t.accountId = :accountId AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshToken.REVOKE_FAMILY, query = "UPDATE RefreshToken t SET t.revokedAt = :now "
        + "WHERE t.family = :family AND t.revokedAt IS NULL")
@NamedQuery(name = RefreshToken.PURGE, query = "DELETE FROM RefreshToken t WHERE t.expiresAt < :before")
public class RefreshToken {

    public static final String REVOKE_ALL = "RefreshToken.revokeAll";
    public static final String REVOKE_FAMILY = "RefreshToken.revokeFamily";
    public static final String PURGE = "RefreshToken.purge";

    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "account_id")
    private UUID accountId;

    @Column(name = "family")
    private UUID family;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected RefreshToken() {
        // for JPA
    }

    public RefreshToken(String tokenHash, UUID accountId, UUID family, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.accountId = accountId;
        this.family = family;
        this.createdAt = createdAt.atOffset(ZoneOffset.UTC);
        this.expiresAt = expiresAt.atOffset(ZoneOffset.UTC);
    }

    public UUID accountId() {
        return accountId;
    }

    public UUID family() {
        return family;
    }

    /** Unused, unrevoked and unexpired. */
    public boolean usableAt(Instant now) {
        return usedAt == null && revokedAt == null && now.isBefore(expiresAt.toInstant());
    }

    /** Was used before: presenting it again means someone else has a copy. */
    public boolean alreadyUsed() {
        return usedAt != null;
    }

    public void use(Instant now) {
        usedAt = now.atOffset(ZoneOffset.UTC);
    }
}
