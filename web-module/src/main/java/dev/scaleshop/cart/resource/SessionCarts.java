package dev.scaleshop.cart.resource;

import java.security.Principal;
import java.util.function.Consumer;

import dev.scaleshop.cart.entity.CartContents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Where carts live: the distributable HTTP session. An anonymous visitor has one cart; a logged-in
 * customer (bearer token) has one per account in that session, and the first authenticated request
 * moves the anonymous cart's lines into it — the cart survives login. Every change stores the cart
 * again with setAttribute, which is what makes Payara replicate it to the data grid.
 */
public final class SessionCarts {

    private static final String ANONYMOUS = "scaleshop.cart.anonymous";
    private static final String CUSTOMER_PREFIX = "scaleshop.cart.customer.";

    private SessionCarts() {
    }

    /** The caller's cart, for reading; empty when there is no session yet. */
    public static CartContents read(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return new CartContents();
        }
        CartContents cart = current(request, session);
        return cart == null ? new CartContents() : cart;
    }

    /** Changes the caller's cart, creating the session if needed, and replicates the result. */
    public static CartContents change(HttpServletRequest request, Consumer<CartContents> change) {
        HttpSession session = request.getSession(true);
        CartContents cart = current(request, session);
        if (cart == null) {
            cart = new CartContents();
        }
        change.accept(cart);
        session.setAttribute(key(request), cart);
        return cart;
    }

    private static CartContents current(HttpServletRequest request, HttpSession session) {
        Principal caller = request.getUserPrincipal();
        if (caller == null) {
            return (CartContents) session.getAttribute(ANONYMOUS);
        }
        CartContents own = (CartContents) session.getAttribute(key(request));
        CartContents anonymous = (CartContents) session.getAttribute(ANONYMOUS);
        if (anonymous != null && !anonymous.isEmpty()) { // logged in with items picked anonymously: merge
            if (own == null) {
                own = new CartContents();
            }
            own.absorb(anonymous);
            session.setAttribute(key(request), own);
            session.removeAttribute(ANONYMOUS);
        }
        return own;
    }

    private static String key(HttpServletRequest request) {
        Principal caller = request.getUserPrincipal();
        return caller == null ? ANONYMOUS : CUSTOMER_PREFIX + subject(caller);
    }

    private static String subject(Principal caller) {
        return caller instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt ? jwt.getSubject() : caller.getName();
    }
}
