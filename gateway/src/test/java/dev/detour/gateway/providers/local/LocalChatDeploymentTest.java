package dev.detour.gateway.providers.local;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.StreamListener;
import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.Usage;
import dev.detour.local.LocalModel;
import dev.detour.local.LocalModelOptions;
import dev.detour.testsupport.TestModels;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local model's failures reach the gateway classified like any provider's (503 overloaded, 504 timeout). */
class LocalChatDeploymentTest {

    private static ChatCompletionRequest request(boolean stream, int maxTokens) {
        return new ChatCompletionRequest("local/tiny", List.of(ChatMessage.user("Hello")), stream, null, 0.0, null,
                maxTokens, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Collects a stream; can hold the generating thread on its first delta. */
    private static class Collector implements StreamListener {
        final CountDownLatch firstDelta = new CountDownLatch(1);
        final CountDownLatch release;
        final CompletableFuture<String> finish = new CompletableFuture<>();
        final StringBuilder text = new StringBuilder();
        volatile Usage usage;

        Collector(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void onDelta(ChatCompletionChunk.Delta delta) {
            text.append(delta.content());
            firstDelta.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onComplete(String finishReason, Usage usage) {
            this.usage = usage;
            finish.complete(finishReason);
        }

        @Override
        public void onError(ProviderException failure) {
            finish.completeExceptionally(failure);
        }
    }

    @Test
    void aBusyModelIsOverloaded() throws Exception {
        try (LocalModel model = LocalModel.load(TestModels.tinyRandomLlama(),
                new LocalModelOptions(1, 1, 1, 0, Duration.ofSeconds(1), Duration.ofSeconds(30)))) {
            LocalChatDeployment deployment = new LocalChatDeployment(new DeploymentId("local", "tiny"), model);
            CountDownLatch release = new CountDownLatch(1);
            Collector holding = new Collector(release);
            deployment.stream(request(true, 5), holding);
            assertThat(holding.firstDelta.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> deployment.complete(request(false, 2)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.failureClass()).isEqualTo(FailureClass.OVERLOADED);
                        assertThat(e.failureClass().clientStatus()).isEqualTo(503);
                        assertThat(e.code()).isEqualTo("overloaded");
                    });
            release.countDown();
            assertThat(holding.finish.get(10, TimeUnit.SECONDS)).isEqualTo("length");
            assertThat(holding.usage.completionTokens()).isEqualTo(5);
            // The turn is free again, and greedy text is the same streamed or not.
            assertThat(deployment.complete(request(false, 5)).choices().getFirst().message().text())
                    .isEqualTo(holding.text.toString());
        }
    }

    @Test
    void aGenerationPastItsTimeoutIsATimeout() throws Exception {
        try (LocalModel model = LocalModel.load(TestModels.tinyRandomLlama(),
                new LocalModelOptions(1, 1, 1, 1, Duration.ofSeconds(1), Duration.ofMillis(50)))) {
            LocalChatDeployment deployment = new LocalChatDeployment(new DeploymentId("local", "tiny"), model);
            CountDownLatch slow = new CountDownLatch(1);
            Collector collector = new Collector(slow) {
                @Override
                public void onDelta(ChatCompletionChunk.Delta delta) {
                    try {
                        Thread.sleep(80);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            deployment.stream(request(true, 50), collector);
            assertThatThrownBy(() -> collector.finish.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ProviderException.class)
                    .satisfies(e -> {
                        ProviderException failure = (ProviderException) e.getCause();
                        assertThat(failure.failureClass()).isEqualTo(FailureClass.TIMEOUT);
                        assertThat(failure.failureClass().clientStatus()).isEqualTo(504);
                    });
        }
    }

    @Test
    void cancellingAStreamStopsTheGeneration() throws Exception {
        try (LocalModel model = LocalModel.load(TestModels.tinyRandomLlama(), LocalModelOptions.defaults())) {
            LocalChatDeployment deployment = new LocalChatDeployment(new DeploymentId("local", "tiny"), model);
            Collector collector = new Collector(new CountDownLatch(1));
            var handle = deployment.stream(request(true, 500), collector);
            assertThat(collector.firstDelta.await(10, TimeUnit.SECONDS)).isTrue();
            handle.cancel();
            assertThatThrownBy(() -> collector.finish.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ProviderException.class);
            // The turn is free again for the next request.
            assertThat(deployment.complete(request(false, 2)).usage().completionTokens()).isEqualTo(2);
        }
    }
}
