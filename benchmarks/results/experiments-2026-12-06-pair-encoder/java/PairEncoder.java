package dev.detour.cache.verify;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A small cross-encoder: reads the cached question and the new one together and says how likely the same answer
 * serves both. Two separate embeddings compared by cosine cannot see which words differ and whether that matters
 * ("How do I lose weight?" vs "How do I gain weight?" are 0.9 apart); attention across both texts can.
 *
 * <p>The model is MiniLM-L6's embeddings and first two layers with a logistic head on [CLS], fine-tuned on the QQP
 * training split and shipped as a resource (tools/pair-encoder/ makes it; its weights are int8 per row on disk and
 * expanded when the session loads). Its tokenizer is the MiniLM vocabulary already on the classpath.
 */
public final class PairEncoder implements AutoCloseable {

    /** The shipped model, next to this class. */
    public static final String MODEL_RESOURCE = "pair-encoder-minilm-l2.onnx";
    /** The MiniLM tokenizer, from the embedding model's jar. */
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    /** Both texts together are cut to this many tokens, as in training; questions are far shorter. */
    public static final int MAX_TOKENS = 96;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    private PairEncoder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
    }

    /** Loads the model and tokenizer from the classpath and warms them up (well under a second). */
    public static PairEncoder load() {
        // DJL's tokenizer library calls home on first use unless told not to; the gateway talks only to providers.
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             InputStream tokenizerJson = resource(PairEncoder.class.getClassLoader(), TOKENIZER_RESOURCE)) {
            // One thread per call, like the embedder: many requests share two cores better than one request
            // spreading over both.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            byte[] model;
            try (InputStream in = resource(PairEncoder.class, MODEL_RESOURCE)) {
                model = in.readAllBytes();
            }
            OrtSession session = environment.createSession(model, options);
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                    "maxLength", Integer.toString(MAX_TOKENS), "truncation", "true", "padding", "false"));
            PairEncoder encoder = new PairEncoder(environment, session, tokenizer);
            for (int i = 0; i < 3; i++) { // first calls are slow (lazy init, JIT): pay for them here
                encoder.probability("warm up the pair encoder", "warm the pair encoder up");
            }
            return encoder;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the pair encoder " + MODEL_RESOURCE, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The probability that an answer to {@code cachedText} also answers {@code queryText}. */
    public double probability(String cachedText, String queryText) {
        return 1.0 / (1.0 + Math.exp(-logit(cachedText, queryText)));
    }

    /** The model's raw score, before the logistic. */
    public double logit(String cachedText, String queryText) {
        Encoding encoding = tokenizer.encode(cachedText, queryText);
        try (OnnxTensor ids = tensor(encoding.getIds());
             OnnxTensor types = tensor(encoding.getTypeIds());
             OnnxTensor mask = tensor(encoding.getAttentionMask());
             OrtSession.Result result = session.run(Map.of(
                     "input_ids", ids, "token_type_ids", types, "attention_mask", mask))) {
            return ((float[]) result.get(0).getValue())[0];
        } catch (OrtException e) {
            throw new IllegalStateException("the pair encoder failed", e);
        }
    }

    /** The token ids the model sees for a pair (for tests that compare with training's tokenisation). */
    public long[] tokenIds(String cachedText, String queryText) {
        return tokenizer.encode(cachedText, queryText).getIds();
    }

    private OnnxTensor tensor(long[] row) throws OrtException {
        return OnnxTensor.createTensor(environment, new long[][] {row});
    }

    private static InputStream resource(Class<?> near, String name) {
        InputStream in = near.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath next to " + near.getName());
        }
        return in;
    }

    private static InputStream resource(ClassLoader loader, String name) {
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath");
        }
        return in;
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
}
