package dev.detour.gateway.providers.sim;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.StreamHandle;
import dev.detour.gateway.providers.testing.RecordingListener;
import dev.detour.gateway.providers.testing.Requests;
import dev.detour.sim.Fault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream that never answers (the sim's hang) or goes silent mid-stream (stall), ended by the caller the way
 * the gateway's timeouts end it: a blocking call by interrupting its thread, a stream through its handle.
 * What the adapters do (the gateway's timeout code relies on it):
 * <ul>
 *   <li>blocking: the interrupt abandons the call at once with {@link FailureClass#TIMEOUT} (never TRANSPORT), and the
 *       thread keeps its interrupt flag;</li>
 *   <li>streaming: {@link StreamHandle#cancel()} ends the stream silently (no onComplete, no onError: the gateway
 *       classifies its own timeout), and the deployment keeps answering. (Whether the sim saw the connection close
 *       is not observable from here; the per-family stub tests check that cancel closes it.)</li>
 * </ul>
 */
class SimCallerTimeoutTest extends SimSuite {

    private static final long CALLER_TIMEOUT_MS = 300;
    private static final long PROMPT_MS = 1_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void interruptingABlockingCallToAHungProviderEndsItPromptlyWithTimeout(SimFamily family) throws Exception {
        fault(family, Fault.hang());
        int before = sim.attemptCount(family.model);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                deployment(family).complete(Requests.hello(null));
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        awaitAttempt(family, before);
        Thread.sleep(CALLER_TIMEOUT_MS);

        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(PROMPT_MS * 5);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt);

        assertThat(caller.isAlive()).as("the call ended after the interrupt").isFalse();
        assertThat(tookMs).as("ms from the interrupt to the end of the call").isLessThan(PROMPT_MS);
        assertThat(thrown.get()).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.failureClass()).isEqualTo(FailureClass.TIMEOUT);
            assertThat(e.upstreamStatus()).isZero();
        });
        assertThat(stillInterrupted).as("the caller's interrupt flag survives").isTrue();
        assertOneAttempt(family, before, false);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void cancellingAStreamToAHungProviderEndsItSilentlyAndTheDeploymentKeepsAnswering(SimFamily family) throws Exception {
        fault(family, Fault.hang());
        int before = sim.attemptCount(family.model);
        RecordingListener listener = new RecordingListener();

        StreamHandle handle = deployment(family).stream(Requests.hello(null), listener);
        awaitAttempt(family, before);
        Thread.sleep(CALLER_TIMEOUT_MS);
        handle.cancel();
        handle.cancel();

        assertThat(listener.awaitEnd(100)).as("no ending after cancel").isFalse();
        assertThat(listener.endings.get()).isZero();
        assertThat(listener.deltas).isEmpty();
        assertOneAttempt(family, before, true);
        sim.clearFault(family.model);
        RecordingListener next = stream(family, Requests.hello(null));
        assertThat(next.failure).isNull();
        assertThat(next.text()).isEqualTo("Echo: hello there");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SimFamily.class)
    void cancellingAStalledStreamStopsItAfterWhatCameAndEndsItSilently(SimFamily family) throws Exception {
        fault(family, Fault.stallAfterChunks(1));
        int before = sim.attemptCount(family.model);
        RecordingListener listener = new RecordingListener();

        StreamHandle handle = deployment(family).stream(Requests.hello(null), listener);
        assertThat(listener.firstDelta.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(CALLER_TIMEOUT_MS);
        handle.cancel();

        assertThat(listener.awaitEnd(100)).as("no ending after cancel").isFalse();
        assertThat(listener.endings.get()).isZero();
        assertThat(listener.text()).isEqualTo("Echo:");
        assertOneAttempt(family, before, true);
    }

    /** Waits until the sim holds the request, so the caller's timeout strikes while it is in flight. */
    private static void awaitAttempt(SimFamily family, int before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sim.attemptCount(family.model) == before && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(sim.attemptCount(family.model)).as("the request reached the sim").isEqualTo(before + 1);
    }
}
