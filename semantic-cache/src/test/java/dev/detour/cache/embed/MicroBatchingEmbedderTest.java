package dev.detour.cache.embed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MicroBatchingEmbedderTest {

    private static OnnxEmbedder onnx;

    @BeforeAll
    static void load() {
        onnx = OnnxEmbedder.load(EmbeddingModelChoice.ALL_MINILM_L6_V2_Q);
    }

    @AfterAll
    static void close() {
        onnx.close();
    }

    @Test
    void aLoneCallerEmbedsAloneAndAtOnce() {
        Recording model = new Recording(onnx, false);
        MicroBatchingEmbedder batcher = new MicroBatchingEmbedder(model, 2, 8);
        float[] vector = batcher.embed("How do I learn Java?");
        assertThat(vector).containsExactly(onnx.embed("How do I learn Java?"));
        assertThat(model.calls).containsExactly(List.of("How do I learn Java?"));
    }

    @Test
    void callsThatQueueWhileTheModelIsBusyAreEmbeddedInOneCallAndEachGetsItsOwnRow() throws Exception {
        Recording model = new Recording(onnx, true);
        MicroBatchingEmbedder batcher = new MicroBatchingEmbedder(model, 1, 8);
        List<String> others = OnnxEmbedderBatchTest.SENTENCES.subList(0, 5);
        try (ExecutorService callers = Executors.newFixedThreadPool(6)) {
            Future<float[]> first = callers.submit(() -> batcher.embed("first"));
            assertThat(model.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<float[]>> queued = new ArrayList<>();
            for (String text : others) {
                queued.add(callers.submit(() -> batcher.embed(text)));
            }
            waitUntilQueued(batcher, others.size());
            model.firstReleased.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).containsExactly(onnx.embed("first"));
            for (int i = 0; i < others.size(); i++) {
                assertThat(queued.get(i).get(10, TimeUnit.SECONDS)).as(others.get(i))
                        .isSameAs(model.returned.get(others.get(i)));
            }
        }
        assertThat(model.calls).hasSize(2);
        assertThat(model.calls.get(0)).containsExactly("first");
        assertThat(model.calls.get(1)).containsExactlyInAnyOrderElementsOf(others);
    }

    @Test
    void noBatchIsLargerThanTheLimit() throws Exception {
        Recording model = new Recording(onnx, true);
        MicroBatchingEmbedder batcher = new MicroBatchingEmbedder(model, 1, 3);
        try (ExecutorService callers = Executors.newFixedThreadPool(8)) {
            Future<float[]> first = callers.submit(() -> batcher.embed("first"));
            assertThat(model.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<float[]>> queued = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                String text = "question number " + i;
                queued.add(callers.submit(() -> batcher.embed(text)));
            }
            waitUntilQueued(batcher, 7);
            model.firstReleased.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<float[]> f : queued) {
                assertThat(f.get(10, TimeUnit.SECONDS)).hasSize(onnx.dimension());
            }
        }
        assertThat(model.calls).allSatisfy(call -> assertThat(call.size()).isLessThanOrEqualTo(3));
        assertThat(model.calls.stream().mapToInt(List::size).sum()).isEqualTo(8);
        assertThat(model.calls).hasSizeGreaterThanOrEqualTo(1 + 3); // "first", then 7 in batches of at most 3
    }

    @Test
    void aFailedBatchFailsEveryCallerInIt() throws Exception {
        Recording model = new Recording(onnx, true);
        MicroBatchingEmbedder batcher = new MicroBatchingEmbedder(model, 1, 8);
        try (ExecutorService callers = Executors.newFixedThreadPool(4)) {
            Future<float[]> first = callers.submit(() -> batcher.embed("first"));
            assertThat(model.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<float[]> a = callers.submit(() -> batcher.embed("broken a"));
            Future<float[]> b = callers.submit(() -> batcher.embed("broken b"));
            waitUntilQueued(batcher, 2);
            model.firstReleased.countDown();
            first.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> a.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("the model broke");
            assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("the model broke");
        }
        // The batcher is not stuck after a failure.
        assertThat(batcher.embed("ok")).hasSize(onnx.dimension());
    }

    @Test
    void manyConcurrentCallersEachGetTheirOwnSentencesVector() throws Exception {
        Recording model = new Recording(onnx, false);
        MicroBatchingEmbedder batcher = new MicroBatchingEmbedder(model, 2, 8);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            texts.add(OnnxEmbedderBatchTest.SENTENCES.get(i % 12) + " #" + i);
        }
        try (ExecutorService callers = Executors.newFixedThreadPool(8)) {
            List<Future<float[]>> futures = new ArrayList<>();
            for (String text : texts) {
                futures.add(callers.submit(() -> batcher.embed(text)));
            }
            for (int i = 0; i < texts.size(); i++) {
                float[] actual = futures.get(i).get(30, TimeUnit.SECONDS);
                assertThat(actual).as(texts.get(i)).isSameAs(model.returned.get(texts.get(i)));
                // Its own sentence's vector, whatever batch it rode in: nearest to a single call of its own text.
                assertThat(Vectors.cosine(actual, onnx.embed(texts.get(i)))).isGreaterThan(0.9);
            }
        }
        assertThat(model.calls.stream().mapToInt(List::size).sum()).isEqualTo(texts.size());
    }

    /** Waits until {@code n} callers have queued behind the busy model (they queue before taking a turn). */
    private static void waitUntilQueued(MicroBatchingEmbedder batcher, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (batcher.queued() < n) {
            assertThat(System.nanoTime()).as("callers queued in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The real model, recording each model call's sentences. Holding, a call with "first" waits until
     * {@code firstReleased}, so that later callers queue behind it; a sentence starting "broken" fails its call.
     */
    private static final class Recording implements BatchEmbedder {

        final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
        /** The vector the model gave for each sentence (sentences are unique within a test). */
        final java.util.Map<String, float[]> returned = new java.util.concurrent.ConcurrentHashMap<>();
        private final OnnxEmbedder model;
        private final boolean holdFirst;
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch firstReleased = new CountDownLatch(1);

        Recording(OnnxEmbedder model, boolean holdFirst) {
            this.model = model;
            this.holdFirst = holdFirst;
        }

        private void before(String text) {
            if (holdFirst && text.equals("first")) {
                firstStarted.countDown();
                await(firstReleased);
            }
            if (text.startsWith("broken")) {
                throw new IllegalStateException("the model broke");
            }
        }

        @Override
        public float[] embed(String text) {
            calls.add(List.of(text));
            before(text);
            float[] v = model.embed(text);
            returned.put(text, v);
            return v;
        }

        @Override
        public List<float[]> embedBatch(List<String> texts) {
            calls.add(List.copyOf(texts));
            texts.forEach(this::before);
            List<float[]> vectors = model.embedBatch(texts);
            for (int i = 0; i < texts.size(); i++) {
                returned.put(texts.get(i), vectors.get(i));
            }
            return vectors;
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
}
