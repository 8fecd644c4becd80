package dev.detour.local;

import dev.detour.testsupport.TestModels;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One model, a bounded queue, a bounded wait and a time limit per generation. */
class LocalModelAdmissionTest {

    private static final GenerationRequest LONG = GenerationRequest.greedy(List.of(new ChatTurn("user", "go on")), 200);

    /** Starts a generation that blocks on its first streamed piece until {@code release} opens. */
    private static CompletableFuture<GenerationResult> blocked(LocalModel model, CountDownLatch started, CountDownLatch release) {
        return CompletableFuture.supplyAsync(() -> model.generate(LONG, piece -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), r -> Thread.ofVirtual().start(r));
    }

    @Test
    void aFullQueueIsRefusedAtOnceAsOverloaded() throws Exception {
        try (LocalModel model = LocalModel.load(TestModels.tinyRandomLlama(),
                new LocalModelOptions(1, 1, 1, 0, Duration.ofSeconds(5), Duration.ofSeconds(30)))) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<GenerationResult> first = blocked(model, started, release);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> model.generate(GenerationRequest.greedy(LONG.messages(), 2)))
                    .isInstanceOf(OverloadedException.class).hasMessageContaining("0 requests are already waiting");

            release.countDown();
            assertThat(first.get(20, TimeUnit.SECONDS).usage().completionTokens()).isEqualTo(200);
            // The turn is free again.
            assertThat(model.generate(GenerationRequest.greedy(LONG.messages(), 2)).usage().completionTokens()).isEqualTo(2);
        }
    }

    @Test
    void aRequestThatWaitsTooLongIsRefusedAsOverloaded() throws Exception {
        try (LocalModel model = LocalModel.load(TestModels.tinyRandomLlama(),
                new LocalModelOptions(1, 1, 1, 1, Duration.ofMillis(50), Duration.ofSeconds(30)))) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<GenerationResult> first = blocked(model, started, release);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> model.generate(GenerationRequest.greedy(LONG.messages(), 2)))
                    .isInstanceOf(OverloadedException.class).hasMessageContaining("no turn within 50 ms");
            assertThat(model.waiting()).isZero();
            release.countDown();
            first.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aGenerationPastItsTimeoutStops() {
        try (LocalModel model = LocalModel.load(TestModels.tinyRandomLlama(),
                new LocalModelOptions(1, 1, 1, 1, Duration.ofSeconds(1), Duration.ofMillis(30)))) {
            assertThatThrownBy(() -> model.generate(LONG, piece -> sleep(40)))
                    .isInstanceOf(GenerationTimeoutException.class).hasMessageContaining("within 30 ms");
            // The turn was given back.
            assertThat(model.waiting()).isZero();
        }
    }

    @Test
    void anInterruptAbandonsTheGeneration() throws Exception {
        try (LocalModel model = LocalModel.load(TestModels.tinyRandomLlama(), LocalModelOptions.defaults())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            Thread thread = Thread.ofVirtual().start(() -> {
                try {
                    model.generate(LONG, piece -> {
                        started.countDown();
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            thread.interrupt();
            thread.join(10_000);
            assertThat(failure.get()).isInstanceOf(GenerationCancelledException.class);
            assertThat(model.generate(GenerationRequest.greedy(LONG.messages(), 2)).usage().completionTokens()).isEqualTo(2);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
