package dev.scaleshop.identity.entity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Someone who can log in: the directory entry, never the profile. */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.BY_EMAIL, query = "SELECT a FROM Account a WHERE a.emailKey = :emailKey")
@NamedQuery(name = Account.WITH_ROLE, query = "SELECT COUNT(a) FROM Account a WHERE a.roles LIKE :pattern")
public class Account {

    public static final String BY_EMAIL = "Account.byEmail";
    public static final String WITH_ROLE = "Account.withRole";

    public enum Status { ACTIVE, DISABLED }

    @Id
    private UUID id;

    private String email;

    @Column(name = "email_key")
    private String emailKey;

    @Column(name = "password_hash")
    private String passwordHash;

    private String roles;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Version
    private long version;

    protected Account() {
        // for JPA
    }

    public Account(UUID id, String email, String passwordHash, Set<String> roles, Instant createdAt) {
        this.id = id;
        this.email = email;
        this.emailKey = key(email);
        this.passwordHash = passwordHash;
        this.roles = String.join(",", roles.stream().sorted().toList());
        this.status = Status.ACTIVE;
        this.createdAt = createdAt.atOffset(ZoneOffset.UTC);
    }

    /** The unique form of an address: case does not make a second account. */
    public static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    /** A stronger hash of the same password, unless the password changed since {@code verified} was read. */
    public void rehash(String verified, String stronger) {
        if (passwordHash.equals(verified)) {
            passwordHash = stronger;
        }
    }

    public Set<String> roles() {
        return Arrays.stream(roles.split(",")).filter(role -> !role.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }
}
