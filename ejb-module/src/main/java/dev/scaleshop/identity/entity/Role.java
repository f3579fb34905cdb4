package dev.scaleshop.identity.entity;

/** The roles an access token can carry (its {@code groups} claim) and {@code @RolesAllowed} checks. */
public final class Role {

    public static final String CUSTOMER = "customer";
    public static final String PARTNER = "partner";
    public static final String ADMIN = "admin";

    private Role() {
    }
}
