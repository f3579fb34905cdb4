package dev.scaleshop.mail.control;

import java.util.Optional;

import dev.scaleshop.mail.entity.MailDelivery;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The record of mails the relay accepted (main database). */
@Stateless
public class MailDeliveries {

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager em;

    /** A read: starts no transaction of its own (the mail worker asks outside one). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<MailDelivery> find(String dedupKey) {
        return Optional.ofNullable(em.find(MailDelivery.class, dedupKey));
    }

    /** Commits at once, whatever the caller's transaction does next: the mail is out, the record must say so. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(MailDelivery delivery) {
        em.persist(delivery);
    }
}
