package dev.detour.gateway.providers.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.providers.testing.RecordingListener;
import dev.detour.gateway.providers.testing.Requests;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatCompletionResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON mode through every adapter against the sim, which answers {@code {"echo":"<last user text>"}} only when the
 * family's own JSON switch reached it (OpenAI response_format, Anthropic output_config.format, Gemini
 * responseMimeType, Ollama format): a plain "Echo: ..." answer means the mode was dropped on the way.
 */
class SimJsonModeTest extends SimSuite {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ECHO_JSON = "{\"echo\":\"hello there\"}";
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"echo\":{\"type\":\"string\"}},"
            + "\"required\":[\"echo\"],\"additionalProperties\":false}";

    private static ChatCompletionRequest jsonSchema(boolean strict) {
        return Requests.hello("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"echo\","
                + "\"strict\":" + strict + ",\"schema\":" + SCHEMA + "}}");
    }

    /** Anthropic has no schemaless JSON mode (LangChain4j would refuse it too): refused by name. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void jsonObjectModeAnswersJsonOrIsRefusedByName(SimFamily family) throws Exception {
        var request = Requests.hello("\"response_format\":{\"type\":\"json_object\"}");
        if (family == SimFamily.ANTHROPIC) {
            assertThat(refusedByName(family, request, "response_format").getMessage())
                    .isEqualTo("anthropic does not support 'response_format' of type json_object");
            return;
        }

        ChatCompletionResponse response = complete(family, request);

        assertThat(response.choices().get(0).message().text()).isEqualTo(ECHO_JSON);
        assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void jsonSchemaModeAnswersJsonBlockingAndStreamed(SimFamily family) throws Exception {
        ChatCompletionResponse response = complete(family, jsonSchema(false));
        RecordingListener listener = stream(family, jsonSchema(false));

        assertThat(JSON.readTree(response.choices().get(0).message().text())).isEqualTo(JSON.readTree(ECHO_JSON));
        assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(listener.failure).isNull();
        assertThat(JSON.readTree(listener.text())).isEqualTo(JSON.readTree(ECHO_JSON));
        assertThat(listener.finishReason).isEqualTo("stop");
    }

    /** LangChain4j's Mistral adapter has no strict switch for a schema: refused rather than silently loosened. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void strictJsonSchemaAnswersJsonOrIsRefusedByName(SimFamily family) throws Exception {
        if (family == SimFamily.MISTRAL) {
            assertThat(refusedByName(family, jsonSchema(true), "response_format.json_schema.strict").getMessage())
                    .isEqualTo("mistral does not support 'response_format.json_schema.strict'");
            return;
        }

        ChatCompletionResponse response = complete(family, jsonSchema(true));

        assertThat(JSON.readTree(response.choices().get(0).message().text())).isEqualTo(JSON.readTree(ECHO_JSON));
    }
}
