package dev.scaleshop.api.client;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client behind the load balancer. {@code X-Forwarded-For} counts only when the
 * direct peer is a trusted proxy (HAProxy deletes whatever a client sent and adds the address it
 * saw), and then its last entry is the one that proxy added. Anything else: the peer itself.
 */
@ApplicationScoped
public class ClientAddress {

    /** Peers whose X-Forwarded-For is believed: the load balancer. */
    @Inject
    @ConfigProperty(name = "scaleshop.http.trusted-proxies", defaultValue = "127.0.0.1,::1,0:0:0:0:0:0:0:1")
    Set<String> trustedProxies;

    public String of(HttpServletRequest request) {
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
