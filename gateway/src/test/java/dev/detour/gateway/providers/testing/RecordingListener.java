package dev.detour.gateway.providers.testing;

import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.StreamListener;
import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.ToolCall;
import dev.detour.gateway.wire.Usage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records one stream's events and lets a test wait for its end. */
public final class RecordingListener implements StreamListener {

    public final List<ChatCompletionChunk.Delta> deltas = new CopyOnWriteArrayList<>();
    public final AtomicInteger endings = new AtomicInteger();
    public final CountDownLatch firstDelta = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    public volatile String finishReason;
    public volatile Usage usage;
    public volatile ProviderException failure;

    @Override
    public void onDelta(ChatCompletionChunk.Delta delta) {
        deltas.add(delta);
        firstDelta.countDown();
    }

    @Override
    public void onComplete(String finishReason, Usage usage) {
        this.finishReason = finishReason;
        this.usage = usage;
        endings.incrementAndGet();
        ended.countDown();
    }

    @Override
    public void onError(ProviderException failure) {
        this.failure = failure;
        endings.incrementAndGet();
        ended.countDown();
    }

    /** Waits for the end; true when it came. */
    public boolean await() throws InterruptedException {
        return ended.await(10, TimeUnit.SECONDS);
    }

    public boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        deltas.stream().filter(d -> d.content() != null).forEach(d -> text.append(d.content()));
        return text.toString();
    }

    public List<ToolCall> toolCallFragments() {
        return deltas.stream().filter(d -> d.toolCalls() != null).flatMap(d -> d.toolCalls().stream()).toList();
    }
}
