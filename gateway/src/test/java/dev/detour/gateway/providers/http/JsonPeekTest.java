package dev.detour.gateway.providers.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPeekTest {

    @Test
    void findsRealKeysWhateverTheSpacing() {
        assertThat(JsonPeek.hasNonNull("{\"finish_reason\": \"stop\"}", "finish_reason")).isTrue();
        assertThat(JsonPeek.hasNonNull("{\"finish_reason\":null}", "finish_reason")).isFalse();
        assertThat(JsonPeek.valueStart("{\"done\" :  true}", "done")).isEqualTo('t');
        assertThat(JsonPeek.stringValue("{\"stop_reason\":\"refusal\"}", "stop_reason")).isEqualTo("refusal");
    }

    @Test
    void ignoresTheKeyWhenItIsOnlyTextInsideAString() {
        String text = "{\"content\":\"she wrote \\\"finish_reason\\\" : \\\"stop\\\"\",\"finish_reason\":null}";
        assertThat(JsonPeek.hasNonNull(text, "finish_reason")).isFalse();
        assertThat(JsonPeek.valueStart("{\"content\":\"finish_reason\"}", "finish_reason")).isEqualTo((char) 0);
    }
}
