package dev.scaleshop.customers.boundary;

import java.time.Instant;
import java.util.UUID;

import dev.scaleshop.customers.entity.CustomerProfile;
import dev.scaleshop.identity.boundary.Caller;
import dev.scaleshop.identity.entity.Account;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Customer profiles, owner or admin only. Someone else's id answers 404, exactly like an unknown
 * one: the API never confirms that a customer exists to whoever may not see it (no IDOR, no probing).
 */
@Stateless
public class Customers {

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager em;

    public CustomerView find(UUID customerId, Caller caller) {
        return view(accessible(customerId, caller));
    }

    /**
     * Name and address for documents about the customer (invoices); not for answering callers. A read: it
     * joins the caller's transaction if there is one and starts none (the invoice and mail workers call it
     * outside one).
     */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
    public java.util.Optional<CustomerView> billing(UUID customerId) {
        return java.util.Optional.ofNullable(em.find(CustomerProfile.class, customerId)).map(this::view);
    }

    public CustomerView update(UUID customerId, CustomerDraft draft, Caller caller) {
        CustomerProfile profile = accessible(customerId, caller);
        profile.revise(draft.name().strip(), draft.address().toAddress(), Instant.now());
        return view(profile);
    }

    private CustomerProfile accessible(UUID customerId, Caller caller) {
        CustomerProfile profile = caller.mayAccess(customerId) ? em.find(CustomerProfile.class, customerId) : null;
        if (profile == null) {
            throw InvalidRequestException.notFound("not-found", "no customer " + customerId);
        }
        return profile;
    }

    private CustomerView view(CustomerProfile profile) {
        Account account = em.find(Account.class, profile.customerId());
        return new CustomerView(profile.customerId(), account.email(), profile.name(), profile.address());
    }
}
