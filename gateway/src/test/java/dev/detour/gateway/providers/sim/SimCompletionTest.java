package dev.detour.gateway.providers.sim;

import dev.detour.gateway.providers.testing.RecordingListener;
import dev.detour.gateway.providers.testing.Requests;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.detour.gateway.wire.Usage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain answers through every adapter against the sim, blocking and streamed, with the limits a client can set.
 * The sim answers "Echo: " + the last user text, one word per token ("hello there": 2 prompt tokens,
 * "Echo: hello there": 3 completion tokens), streamed one word per chunk.
 */
class SimCompletionTest extends SimSuite {

    private static final String ANSWER = "Echo: hello there";
    private static final Usage USAGE = new Usage(2, 3, 5);

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void completesWithTheExactTextStopAndUsage(SimFamily family) {
        ChatCompletionResponse response = complete(family, Requests.hello(null));

        assertThat(response.choices()).hasSize(1);
        var choice = response.choices().get(0);
        assertThat(choice.message().role()).isEqualTo("assistant");
        assertThat(choice.message().text()).isEqualTo(ANSWER);
        assertThat(choice.message().toolCalls()).isNull();
        assertThat(choice.finishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(USAGE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void streamsDeltasThatConcatenateToTheExactTextThenCompletesOnce(SimFamily family) throws Exception {
        RecordingListener listener = stream(family, Requests.hello(null));

        assertThat(listener.failure).isNull();
        assertThat(listener.text()).isEqualTo(ANSWER);
        assertThat(listener.deltas).as("one delta per word, as the sim streams them").hasSize(3);
        assertThat(listener.toolCallFragments()).isEmpty();
        assertThat(listener.finishReason).isEqualTo("stop");
        assertThat(listener.usage).isEqualTo(USAGE);
        assertThat(listener.endings.get()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void maxTokensCutsTheAnswerWithFinishReasonLength(SimFamily family) throws Exception {
        var request = Requests.hello("\"max_tokens\":2");

        ChatCompletionResponse response = complete(family, request);
        RecordingListener listener = stream(family, request);

        assertThat(response.choices().get(0).message().text()).isEqualTo("Echo: hello");
        assertThat(response.choices().get(0).finishReason()).isEqualTo("length");
        assertThat(response.usage()).isEqualTo(new Usage(2, 2, 4));
        assertThat(listener.failure).isNull();
        assertThat(listener.text()).isEqualTo("Echo: hello");
        assertThat(listener.finishReason).isEqualTo("length");
        assertThat(listener.usage).isEqualTo(new Usage(2, 2, 4));
        assertThat(listener.endings.get()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void maxCompletionTokensIsTheSameLimit(SimFamily family) {
        ChatCompletionResponse response = complete(family, Requests.hello("\"max_completion_tokens\":1"));

        assertThat(response.choices().get(0).message().text()).isEqualTo("Echo:");
        assertThat(response.choices().get(0).finishReason()).isEqualTo("length");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void aStopSequenceEndsTheAnswerBeforeIt(SimFamily family) throws Exception {
        var request = Requests.hello("\"stop\":[\" there\"]");

        ChatCompletionResponse response = complete(family, request);
        RecordingListener listener = stream(family, request);

        assertThat(response.choices().get(0).message().text()).isEqualTo("Echo: hello");
        assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(listener.failure).isNull();
        assertThat(listener.text()).isEqualTo("Echo: hello");
        assertThat(listener.finishReason).isEqualTo("stop");
        assertThat(listener.endings.get()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void theUpstreamModelIsTheDeploymentsNotTheClientsRouteName(SimFamily family) {
        ChatCompletionResponse response = complete(family, Requests.hello(null));

        assertThat(response.model()).isEqualTo(family.model);
    }
}
