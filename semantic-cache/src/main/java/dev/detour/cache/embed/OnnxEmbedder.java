package dev.detour.cache.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A LangChain4j in-process ONNX embedding model whose session runs each call on the caller's thread only. ONNX
 * Runtime's default spreads one call over every core; on a small machine serving many requests, one thread per call
 * is faster overall (DESIGN.md: ~1.7 ms p50 per short sentence) and leaves the other cores to other callers.
 */
public final class OnnxEmbedder implements BatchEmbedder, AutoCloseable {

    /** BERT's 512 positions less [CLS] and [SEP]; LangChain4j splits longer texts, so they go through it alone. */
    private static final int MAX_CONTENT_TOKENS = 510;

    private final EmbeddingModelChoice choice;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final SingleThreadedModel model;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean takesTokenTypes;

    private OnnxEmbedder(EmbeddingModelChoice choice, OrtEnvironment environment, OrtSession session,
                         SingleThreadedModel model, HuggingFaceTokenizer tokenizer) throws OrtException {
        this.choice = choice;
        this.environment = environment;
        this.session = session;
        this.model = model;
        this.tokenizer = tokenizer;
        this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
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
            byte[] tokenizerJson = resource(choice.tokenizerResource());
            try (InputStream forLangChain4j = new ByteArrayInputStream(tokenizerJson);
                 InputStream forBatches = new ByteArrayInputStream(tokenizerJson)) {
                OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, forLangChain4j,
                        choice.pooling());
                // The same settings as LangChain4j's own tokenizer (no padding: a batch pads itself).
                HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(forBatches,
                        Map.of("padding", "false"));
                OnnxEmbedder embedder = new OnnxEmbedder(choice, environment, session,
                        new SingleThreadedModel(encoder), tokenizer);
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

    /**
     * Embeds several texts in one ONNX call on the caller's thread, each padded to the longest and pooled over its own
     * tokens, with LangChain4j's tokenisation and pooling: a batch of one sentence repeated gives exactly the vector of
     * {@link #embed}. A batch of different sentences does not: both offered models quantise activations dynamically,
     * with one scale per tensor, i.e. per batch, so batch-mates and padding move each vector (cosine to the single
     * call down to ~0.95, OnnxEmbedderBatchTest). Texts longer than the model's window are embedded one by one, as
     * LangChain4j splits them.
     */
    @Override
    public List<float[]> embedBatch(List<String> texts) {
        if (texts.size() == 1) {
            return List.of(embed(texts.get(0)));
        }
        float[][] out = new float[texts.size()][];
        List<Integer> rows = new ArrayList<>(texts.size());
        List<Encoding> encodings = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Encoding encoding = encodeLikeLangChain4j(texts.get(i));
            if (encoding == null) {
                out[i] = embed(texts.get(i));
            } else {
                rows.add(i);
                encodings.add(encoding);
            }
        }
        if (!encodings.isEmpty()) {
            List<float[]> vectors = runPadded(encodings);
            for (int r = 0; r < rows.size(); r++) {
                out[rows.get(r)] = vectors.get(r);
            }
        }
        return Arrays.asList(out);
    }

    /**
     * The token ids LangChain4j's OnnxBertBiEncoder feeds the model for a text of one window: it tokenises, rebuilds
     * the sentence from the tokens (or joins them when that round trip changes them) and encodes that. Null for a
     * text longer than one window.
     */
    private Encoding encodeLikeLangChain4j(String text) {
        List<String> tokens = tokenizer.tokenize(text);
        if (tokens.size() <= 2 || tokens.size() - 2 > MAX_CONTENT_TOKENS) {
            return null; // nothing but [CLS] [SEP] (LangChain4j's own error), or more than one window
        }
        List<String> content = tokens.subList(1, tokens.size() - 1);
        String rebuilt = tokenizer.buildSentence(content);
        List<String> again = tokenizer.tokenize(rebuilt);
        boolean same = again.size() >= 2 && again.subList(1, again.size() - 1).equals(content);
        return tokenizer.encode(same ? rebuilt : String.join("", content), true, false);
    }

    private List<float[]> runPadded(List<Encoding> encodings) {
        int batch = encodings.size();
        int length = 0;
        for (Encoding e : encodings) {
            length = Math.max(length, e.getIds().length);
        }
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] types = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            Encoding e = encodings.get(b);
            System.arraycopy(e.getIds(), 0, ids, b * length, e.getIds().length);
            System.arraycopy(e.getAttentionMask(), 0, mask, b * length, e.getAttentionMask().length);
            System.arraycopy(e.getTypeIds(), 0, types, b * length, e.getTypeIds().length);
        }
        long[] shape = {batch, length};
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typesTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", idsTensor);
            inputs.put("attention_mask", maskTensor);
            if (takesTokenTypes) {
                inputs.put("token_type_ids", typesTensor);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                // last_hidden_state, [batch, length, dimension], read flat.
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                int dim = (int) (hidden.remaining() / ((long) batch * length));
                List<float[]> vectors = new ArrayList<>(batch);
                for (int b = 0; b < batch; b++) {
                    vectors.add(Vectors.normalised(pool(hidden, b, length, dim, encodings.get(b).getIds().length)));
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("batched embedding failed", e);
        }
    }

    /** LangChain4j's pooling over one row's real tokens: their mean, or the [CLS] token's vector. */
    private float[] pool(FloatBuffer hidden, int row, int length, int dim, int tokens) {
        float[] v = new float[dim];
        int base = row * length * dim;
        if (choice.pooling() == PoolingMode.CLS) {
            hidden.get(base, v, 0, dim);
            return v;
        }
        // Summed in the order LangChain4j sums, then divided, so that rounding matches too.
        for (int t = 0; t < tokens; t++) {
            int at = base + t * dim;
            for (int j = 0; j < dim; j++) {
                v[j] += hidden.get(at + j);
            }
        }
        for (int j = 0; j < dim; j++) {
            v[j] /= tokens;
        }
        return v;
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
        tokenizer.close();
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
