package dev.detour.gateway.providers.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * One streamed upstream exchange as the adapter sees it: it can be cancelled (closing the connection) and it
 * remembers whether the provider said the answer was finished.
 */
public final class UpstreamCall {

    private final UpstreamCallObserver observer;
    private volatile boolean cancelled;
    private volatile boolean finishSeen;
    private Thread worker;
    private InputStream body;

    public UpstreamCall(UpstreamCallObserver observer) {
        this.observer = observer;
    }

    public UpstreamCallObserver observer() {
        return observer;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Whether an event carried the provider's finish marker (finish_reason, stop_reason, done...). */
    public boolean finishSeen() {
        return finishSeen;
    }

    void markFinishSeen() {
        finishSeen = true;
    }

    synchronized void start(Thread thread) {
        if (cancelled) {
            return;
        }
        worker = thread;
        thread.start();
    }

    /** Registers the response body so that a cancel closes it; false (and closed) when already cancelled. */
    synchronized boolean attach(InputStream in) {
        if (cancelled) {
            closeQuietly(in);
            return false;
        }
        body = in;
        return true;
    }

    /** Stops the exchange: closes the body (which drops the connection) or interrupts the pending send. Idempotent. */
    public void cancel() {
        Thread thread;
        InputStream in;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            thread = worker;
            in = body;
        }
        if (in != null) {
            closeQuietly(in);
        }
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
        }
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing is best effort: the connection is being abandoned anyway.
        }
    }
}
