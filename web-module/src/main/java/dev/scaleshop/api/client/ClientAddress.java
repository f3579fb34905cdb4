package dev.scaleshop.api.client;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address of the client behind the load balancer. {@code X-Forwarded-For} counts only when the
 * direct peer is a trusted proxy (HAProxy deletes whatever a client sent and adds the address it
 * saw), and then its last entry is the one that proxy added. Anything else: the peer itself.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request, Set<String> trustedProxies) {
        return of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), trustedProxies);
    }

    static String of(String peer, String forwarded, Set<String> trustedProxies) {
        if (forwarded == null || forwarded.isBlank() || !trustedProxies.contains(peer)) {
            return peer;
        }
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        return last.isEmpty() ? peer : last;
    }
}
