package dev.detour.cache.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Embeds concurrent calls together: each caller queues its sentence, and whoever holds one of {@code parallelism}
 * turns takes every sentence waiting (up to {@code maxBatch}) and embeds them in one model call, handing each caller
 * its vector. Nobody waits for a batch to fill: a lone caller takes its own sentence at once and runs it alone, so
 * batches form only from calls that would have waited for a free core anyway. Runs on the callers' threads (no
 * threads of its own), so the callers' bounded queue, deadline and fail-open stay what they were.
 * <p>
 * Not used by the gateway: with the dynamically quantised models on offer, a sentence's vector depends on its
 * batch-mates ({@link OnnxEmbedder#embedBatch}), and batching was not faster at saturation on 2 cores
 * (benchmarks/README.md). Kept, tested, for float models and machines where it measures better.
 */
public final class MicroBatchingEmbedder implements Embedder {

    private final BatchEmbedder model;
    private final int maxBatch;
    private final Semaphore turns;
    private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();

    /** A sentence waiting for its vector. */
    private record Waiting(String text, CompletableFuture<float[]> vector) {
    }

    /**
     * @param parallelism model calls at once (one per core: each call runs on one thread)
     * @param maxBatch    most sentences in one model call
     */
    public MicroBatchingEmbedder(BatchEmbedder model, int parallelism, int maxBatch) {
        if (parallelism < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("parallelism and maxBatch must be at least 1");
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.turns = new Semaphore(parallelism);
    }

    @Override
    public float[] embed(String text) {
        Waiting mine = new Waiting(text, new CompletableFuture<>());
        queue.add(mine);
        try {
            turns.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (queue.remove(mine)) {
                throw new IllegalStateException("interrupted before embedding", e);
            }
            // Someone has taken the sentence already: its vector comes anyway.
            return await(mine);
        }
        try {
            // Another turn may be embedding this sentence right now; then there is nothing to do but wait for it.
            while (!mine.vector().isDone()) {
                List<Waiting> batch = drain();
                if (batch.isEmpty()) {
                    break;
                }
                run(batch);
            }
        } finally {
            turns.release();
        }
        return await(mine);
    }

    private List<Waiting> drain() {
        List<Waiting> batch = new ArrayList<>(Math.min(maxBatch, 16));
        Waiting next;
        while (batch.size() < maxBatch && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private void run(List<Waiting> batch) {
        try {
            List<float[]> vectors = batch.size() == 1
                    ? List.of(model.embed(batch.get(0).text()))
                    : model.embedBatch(batch.stream().map(Waiting::text).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).vector().complete(vectors.get(i));
            }
        } catch (RuntimeException | Error e) {
            // Every caller in the batch sees the failure and fails open on its own.
            batch.forEach(w -> w.vector().completeExceptionally(e));
        }
    }

    private static float[] await(Waiting waiting) {
        try {
            return waiting.vector().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the batch ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("embedding failed", e.getCause());
        }
    }

    /** Sentences waiting for a turn (for tests and metrics). */
    public int queued() {
        return queue.size();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public String modelName() {
        return model.modelName();
    }
}
