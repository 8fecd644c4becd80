package dev.detour.gateway.support;

import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.StreamHandle;
import dev.detour.gateway.providers.StreamListener;
import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatCompletionResponse;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.Usage;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process deployment for tests of the gateway's own logic (validation, failover, SSE framing) without any
 * network: it answers "Echo: <last user text>", fails with a given exception, hangs, or breaks mid-stream.
 */
public final class ScriptedDeployment implements ChatDeployment {

    /** What the deployment does when called. */
    public enum Behaviour { ANSWER, FAIL, HANG, FAIL_AFTER_FIRST_CHUNK }

    private final DeploymentId id;
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private volatile ProviderException failure;
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    public ScriptedDeployment(String provider, String model) {
        this.id = new DeploymentId(provider, model);
    }

    public ScriptedDeployment answering() {
        behaviour = Behaviour.ANSWER;
        return this;
    }

    public ScriptedDeployment failing(ProviderException e) {
        behaviour = Behaviour.FAIL;
        failure = e;
        return this;
    }

    public ScriptedDeployment hanging() {
        behaviour = Behaviour.HANG;
        return this;
    }

    public ScriptedDeployment breakingMidStream(ProviderException e) {
        behaviour = Behaviour.FAIL_AFTER_FIRST_CHUNK;
        failure = e;
        return this;
    }

    public int calls() {
        return calls.get();
    }

    /** Lets hung calls go (so tests end cleanly). */
    public void release() {
        released.countDown();
    }

    @Override
    public DeploymentId id() {
        return id;
    }

    @Override
    public ChatCompletionResponse complete(ChatCompletionRequest request) {
        calls.incrementAndGet();
        switch (behaviour) {
            case FAIL -> throw failure;
            case HANG -> {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("released");
            }
            default -> {
            }
        }
        String text = answer(request);
        return new ChatCompletionResponse("chatcmpl-test", ChatCompletionResponse.OBJECT, 1_700_000_000L, id.model(),
                List.of(new ChatCompletionResponse.Choice(0, ChatMessage.assistant(text, null), "stop")),
                Usage.of(3, 2), null);
    }

    @Override
    public StreamHandle stream(ChatCompletionRequest request, StreamListener listener) {
        calls.incrementAndGet();
        if (behaviour == Behaviour.FAIL) {
            Thread.ofVirtual().start(() -> listener.onError(failure));
            return () -> { };
        }
        if (behaviour == Behaviour.HANG) {
            return () -> { };
        }
        Thread.ofVirtual().start(() -> {
            String[] words = answer(request).split(" ");
            for (int i = 0; i < words.length; i++) {
                listener.onDelta(ChatCompletionChunk.Delta.text(i == 0 ? words[i] : " " + words[i]));
                if (behaviour == Behaviour.FAIL_AFTER_FIRST_CHUNK) {
                    listener.onError(failure);
                    return;
                }
            }
            listener.onComplete("stop", Usage.of(3, words.length));
        });
        return () -> { };
    }

    private static String answer(ChatCompletionRequest request) {
        return "Echo: " + request.messages().getLast().text();
    }
}
