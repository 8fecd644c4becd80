package dev.detour.gateway.cache;

import dev.detour.cache.embed.Embedder;

import java.util.concurrent.CountDownLatch;

/** A fault in front of the real embedder: while stalled, every call waits until the test releases it. */
final class StalledEmbedder implements Embedder {

    private final Embedder real;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean stalled;

    StalledEmbedder(Embedder real) {
        this.real = real;
    }

    void stall() {
        stalled = true;
    }

    void release() {
        stalled = false;
        release.countDown();
    }

    @Override
    public float[] embed(String text) {
        if (stalled) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        return real.embed(text);
    }

    @Override
    public int dimension() {
        return real.dimension();
    }

    @Override
    public String modelName() {
        return real.modelName();
    }
}
