package dev.detour.gateway.routing;

import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.StreamHandle;
import dev.detour.gateway.providers.StreamListener;
import dev.detour.gateway.wire.ChatCompletionChunk;
import dev.detour.gateway.wire.Usage;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands one deployment's stream from the adapter's thread to the thread writing to the client. Once abandoned
 * (timeout, failover, client gone) it drops whatever the adapter still sends and cancels the upstream call.
 */
public final class StreamRelay implements StreamListener {

    private final BlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
    private volatile StreamHandle handle;
    private volatile boolean abandoned;

    void attach(StreamHandle upstream) {
        this.handle = upstream;
        if (abandoned) {
            upstream.cancel();
        }
    }

    /** The next event, or null if none came within {@code wait}. */
    public StreamEvent next(Duration wait) throws InterruptedException {
        return events.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops listening and cancels the upstream call; safe to call more than once. */
    public void abandon() {
        abandoned = true;
        events.clear();
        StreamHandle upstream = handle;
        if (upstream != null) {
            upstream.cancel();
        }
    }

    @Override
    public void onDelta(ChatCompletionChunk.Delta delta) {
        offer(new StreamEvent.Delta(delta));
    }

    @Override
    public void onComplete(String finishReason, Usage usage) {
        offer(new StreamEvent.Complete(finishReason, usage));
    }

    @Override
    public void onError(ProviderException failure) {
        offer(new StreamEvent.Failed(failure));
    }

    private void offer(StreamEvent event) {
        if (!abandoned) {
            events.add(event);
        }
    }
}
