package dev.scaleshop.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;

class MalformedBodyMapperTest {

    @Test
    void recognisesUnreadableJsonAnywhereInTheCauseChain() {
        ProcessingException wrapped = new ProcessingException("Error deserializing object from entity stream.",
                new IllegalStateException(new JsonbException("Unexpected char")));

        assertThat(MalformedBodyMapper.causedByUnreadableJson(wrapped)).isTrue();
    }

    @Test
    void recognisesJsonNestedTooDeeplyForTheParser() {
        StringBuilder deep = new StringBuilder();
        deep.append("[".repeat(1200)).append("]".repeat(1200));
        RuntimeException refused = null;
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(deep.toString()))) {
            reader.readArray();
        } catch (RuntimeException e) {
            refused = e;
        }

        assertThat(refused).as("Parsson refuses 1,200 levels").isNotNull();
        assertThat(MalformedBodyMapper.causedByUnreadableJson(refused)).isTrue();
        assertThat(MalformedBodyMapper.causedByUnreadableJson(new RuntimeException("Input is too deeply nested"))).isFalse();
    }

    @Test
    void leavesOtherProcessingFailuresToTheServer() {
        assertThat(MalformedBodyMapper.causedByUnreadableJson(
                new ProcessingException("writer failed", new IllegalStateException("disk full")))).isFalse();
    }
}
