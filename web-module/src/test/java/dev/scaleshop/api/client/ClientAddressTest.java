package dev.scaleshop.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' → {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "127.0.0.1    | 203.0.113.7              | 203.0.113.7",  // through HAProxy
            "127.0.0.1    | 10.0.0.1, 203.0.113.7    | 203.0.113.7",  // only the proxy's own entry counts
            "127.0.0.1    | none                     | 127.0.0.1",
            "198.51.100.2 | 203.0.113.7              | 198.51.100.2", // not a trusted proxy: the header is ignored
    })
    void believesForwardedForOnlyFromTrustedProxies(String peer, String forwarded, String expected) {
        assertThat(ClientAddress.of(peer, forwarded, Set.of("127.0.0.1"))).isEqualTo(expected);
    }
}
