package dev.scaleshop.api.client;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
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

    /**
     * Peers whose X-Forwarded-For is believed: the load balancer's addresses (the stack sets them from its
     * topology). Unset: nobody's, every client is its own peer address.
     */
    @Inject
    @ConfigProperty(name = "scaleshop.http.trusted-proxies")
    Optional<String> trustedProxyList;

    private Set<String> trustedProxies;

    @PostConstruct
    void init() {
        trustedProxies = trustedProxyList.stream().flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::strip).filter(address -> !address.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

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
