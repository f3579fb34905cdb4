package dev.scaleshop.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class UuidV7Test {

    @Test
    void carriesVersionSevenAndRfcVariant() {
        UUID id = UuidV7.next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void encodesItsCreationTime() {
        assertThat(UuidV7.epochMillis(UuidV7.at(1_764_000_000_123L))).isEqualTo(1_764_000_000_123L);
    }

    @Test
    void laterMillisecondsSortAfterEarlierOnes() {
        UUID earlier = UuidV7.at(1_000_000L);
        UUID later = UuidV7.at(1_000_001L);
        assertThat(later.toString()).isGreaterThan(earlier.toString());
    }

    @Test
    void doesNotRepeatWithinOneMillisecond() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(UuidV7.at(42L));
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void refusesToDecodeOtherVersions() {
        assertThatThrownBy(() -> UuidV7.epochMillis(UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
