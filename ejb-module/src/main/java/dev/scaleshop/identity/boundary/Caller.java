package dev.scaleshop.identity.boundary;

import java.util.UUID;

/** Who is asking, from a verified access token: the account id and whether it holds the admin role. */
public record Caller(UUID id, boolean admin) {

    /** Owners see their own data; admins see everyone's. */
    public boolean mayAccess(UUID ownerId) {
        return admin || id.equals(ownerId);
    }
}
