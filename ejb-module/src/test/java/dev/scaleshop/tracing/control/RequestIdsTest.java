package dev.scaleshop.tracing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc-123", "7f3e2c1a-0b1c-4d5e-8f90-123456789abc", "trace:span.1_x"})
    void keepsSafeCallerIds(String supplied) {
        assertThat(RequestIds.acceptOrGenerate(supplied)).isEqualTo(supplied);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "line\nbreak", "<script>", "éàü"})
    void replacesMissingOrUnsafeIdsWithAUuid(String supplied) {
        String id = RequestIds.acceptOrGenerate(supplied);
        assertThat(id).isNotEqualTo(supplied);
        assertThat(UUID.fromString(id)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 1000})
    void replacesOverlongIds(int length) {
        String supplied = "a".repeat(length);
        assertThat(RequestIds.acceptOrGenerate(supplied)).hasSize(36);
    }
}
