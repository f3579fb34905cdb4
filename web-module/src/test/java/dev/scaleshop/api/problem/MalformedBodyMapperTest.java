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
    void leavesOtherProcessingFailuresToTheServer() {
        assertThat(MalformedBodyMapper.causedByUnreadableJson(
                new ProcessingException("writer failed", new IllegalStateException("disk full")))).isFalse();
    }
}
