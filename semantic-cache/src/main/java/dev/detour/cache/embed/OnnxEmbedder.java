package dev.detour.cache.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A LangChain4j in-process ONNX embedding model whose session runs each call on the caller's thread only. ONNX
 * Runtime's default spreads one call over every core; on a small machine serving many requests, one thread per call
 * is faster overall (DESIGN.md: ~1.7 ms p50 per short sentence) and leaves the other cores to other callers.
 */
public final class OnnxEmbedder implements Embedder, AutoCloseable {

    private final EmbeddingModelChoice choice;
    private final OrtSession session;
    private final SingleThreadedModel model;

    private OnnxEmbedder(EmbeddingModelChoice choice, OrtSession session, SingleThreadedModel model) {
        this.choice = choice;
        this.session = session;
        this.model = model;
    }

    /** Loads the model from its jar (a fraction of a second to a second). */
    public static OnnxEmbedder load(EmbeddingModelChoice choice) {
        // DJL's tokenizer library calls home (EC2 metadata, an S3 telemetry URL) on first use unless told not to;
        // the gateway talks to nobody but its providers.
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(resource(choice.modelResource()), options);
            try (InputStream tokenizer = OnnxEmbedder.class.getClassLoader()
                    .getResourceAsStream(choice.tokenizerResource())) {
                if (tokenizer == null) {
                    throw new IllegalStateException(choice.tokenizerResource() + " is not on the classpath");
                }
                OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, choice.pooling());
                OnnxEmbedder embedder = new OnnxEmbedder(choice, session, new SingleThreadedModel(encoder));
                // The first calls are several times slower (lazy init, JIT); pay for them here, not in a request.
                for (int i = 0; i < 3; i++) {
                    embedder.embed("warm up the embedding model");
                }
                return embedder;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model " + choice.configName(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public float[] embed(String text) {
        float[] vector = model.embed(TextSegment.from(text)).content().vector();
        return Vectors.normalised(vector);
    }

    /** Embeds several texts; LangChain4j runs them one ONNX call each on its own worker threads. */
    public List<float[]> embedAll(List<String> texts) {
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(e -> Vectors.normalised(e.vector())).toList();
    }

    @Override
    public int dimension() {
        return choice.dimension();
    }

    @Override
    public String modelName() {
        return choice.configName();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** LangChain4j's in-process model around our own single-threaded session. */
    private static final class SingleThreadedModel extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        SingleThreadedModel(OnnxBertBiEncoder encoder) {
            super(null);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }
}
