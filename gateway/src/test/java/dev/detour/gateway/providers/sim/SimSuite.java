package dev.detour.gateway.providers.sim;

import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderAdapters;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.testing.RecordingListener;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.detour.sim.Fault;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One provider sim and one deployment per family for a whole test class, reached through the real adapters
 * ({@link ProviderAdapters}). Every call helper checks that the sim saw exactly the attempts the call should
 * cost: one per call (LangChain4j must not retry behind the gateway's back), none for a request refused by name.
 */
abstract class SimSuite {

    static ProviderSim sim;
    static ProviderAdapters adapters;
    static final Map<SimFamily, ChatDeployment> DEPLOYMENTS = new EnumMap<>(SimFamily.class);

    @BeforeAll
    static void startSim() {
        sim = ProviderSim.start();
        adapters = new ProviderAdapters();
        for (SimFamily family : SimFamily.values()) {
            var provider = family.provider(sim);
            DEPLOYMENTS.put(family, adapters.chat(provider, provider.model(family.model)));
        }
    }

    @AfterAll
    static void stopSim() {
        DEPLOYMENTS.clear();
        if (adapters != null) {
            adapters.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @AfterEach
    void clearFaults() {
        sim.clearFaults();
    }

    static ChatDeployment deployment(SimFamily family) {
        return DEPLOYMENTS.get(family);
    }

    static void fault(SimFamily family, Fault fault) {
        sim.fault(family.model, fault);
    }

    /** A blocking answer that cost exactly one upstream attempt. */
    static ChatCompletionResponse complete(SimFamily family, ChatCompletionRequest request) {
        int before = sim.attemptCount(family.model);
        ChatCompletionResponse response = deployment(family).complete(request);
        assertOneAttempt(family, before, false);
        return response;
    }

    /** The classified failure of a blocking call that cost exactly one upstream attempt. */
    static ProviderException completeFails(SimFamily family, ChatCompletionRequest request) {
        int before = sim.attemptCount(family.model);
        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> deployment(family).complete(request));
        assertThat(failure).as("a classified ProviderException").isNotNull();
        assertOneAttempt(family, before, false);
        return failure;
    }

    /** A stream run to its end (whichever it is) that cost exactly one upstream attempt. */
    static RecordingListener stream(SimFamily family, ChatCompletionRequest request) throws InterruptedException {
        int before = sim.attemptCount(family.model);
        RecordingListener listener = new RecordingListener();
        deployment(family).stream(request, listener);
        assertThat(listener.await()).as("the stream ended within 10 s").isTrue();
        assertOneAttempt(family, before, true);
        return listener;
    }

    /** Exactly one request reached the sim since {@code before}, streamed or not as the call was. */
    static void assertOneAttempt(SimFamily family, int before, boolean streamed) {
        assertThat(sim.attemptCount(family.model) - before).as("attempts the sim saw for one call").isEqualTo(1);
        assertThat(sim.attempts(family.model)).last()
                .satisfies(a -> assertThat(a.stream()).as("the upstream request was streamed").isEqualTo(streamed));
    }

    /**
     * The refusal of a field the family cannot honour: BAD_REQUEST naming the field, from both the blocking and the
     * streaming call, before anything was sent.
     */
    static ProviderException refusedByName(SimFamily family, ChatCompletionRequest request, String field) {
        int before = sim.attemptCount(family.model);
        ProviderException blocking = catchThrowableOfType(ProviderException.class,
                () -> deployment(family).complete(request));
        assertThat(blocking).as("complete() refuses the request").isNotNull();
        assertRefusal(family, blocking, field);
        RecordingListener listener = new RecordingListener();
        assertThatThrownBy(() -> deployment(family).stream(request, listener))
                .as("stream() refuses the request at once")
                .isInstanceOfSatisfying(ProviderException.class, e -> assertRefusal(family, e, field));
        assertThat(listener.endings.get()).as("a refused stream never starts").isZero();
        assertThat(sim.attemptCount(family.model) - before).as("attempts the sim saw for refused requests").isZero();
        return blocking;
    }

    private static void assertRefusal(SimFamily family, ProviderException e, String field) {
        assertThat(e.failureClass()).isEqualTo(FailureClass.BAD_REQUEST);
        assertThat(e.param()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(family.kind.configName() + " does not support '" + field + "'");
    }
}
