package dev.detour.cache.support;

import dev.detour.cache.embed.Embedder;

import java.util.concurrent.CountDownLatch;

/** A fault injected in front of a real embedder: every call waits until the test releases it, or fails. */
public final class StalledEmbedder implements Embedder {

    private final Embedder real;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean stalled;
    private volatile boolean broken;

    public StalledEmbedder(Embedder real) {
        this.real = real;
    }

    public void stall() {
        stalled = true;
    }

    public void breakDown() {
        broken = true;
    }

    public void release() {
        stalled = false;
        release.countDown();
    }

    @Override
    public float[] embed(String text) {
        if (broken) {
            throw new IllegalStateException("embedding model crashed (injected)");
        }
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
