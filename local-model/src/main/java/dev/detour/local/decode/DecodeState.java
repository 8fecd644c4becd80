package dev.detour.local.decode;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.detour.local.LocalModelException;
import dev.detour.local.folder.DecoderSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One sequence being decoded: its KV cache and the logits for its next token. The cache is the previous run's
 * {@code present.*} outputs, fed back as the next run's {@code past_key_values.*} inputs without a copy; the
 * previous run's result is closed (freeing native memory) once the next run has read it. Not thread-safe.
 */
public final class DecodeState implements AutoCloseable {

    private final DecoderSession decoder;
    private final DecoderSpec spec;
    private final OrtSession.RunOptions runOptions;
    private OrtSession.Result cache;
    private int length;
    private OnnxTensor logits;

    private DecodeState(DecoderSession decoder) throws OrtException {
        this.decoder = decoder;
        this.spec = decoder.spec();
        this.runOptions = new OrtSession.RunOptions();
    }

    static DecodeState start(DecoderSession decoder, long[] promptIds) {
        if (promptIds.length == 0) {
            throw new IllegalArgumentException("a prompt needs at least one token");
        }
        DecodeState state = null;
        List<OnnxTensor> empties = new ArrayList<>();
        try {
            state = new DecodeState(decoder);
            Map<String, OnnxTensorLike> past = new HashMap<>();
            for (int layer = 0; layer < state.spec.layers(); layer++) {
                OnnxTensor key = decoder.emptyPast();
                empties.add(key);
                OnnxTensor value = decoder.emptyPast();
                empties.add(value);
                past.put(state.spec.pastKey(layer), key);
                past.put(state.spec.pastValue(layer), value);
            }
            state.run(promptIds, past);
            return state;
        } catch (OrtException | RuntimeException e) {
            if (state != null) {
                state.close();
            }
            throw failure(e);
        } finally {
            empties.forEach(OnnxTensor::close);
        }
    }

    /** Next-token logits of the sequence so far (a fresh array; callers may change it). */
    public float[] logits() {
        try {
            return Logits.lastRow(logits);
        } catch (OrtException e) {
            throw failure(e);
        }
    }

    /** The most likely next token (what {@link Sampler#argmax} would pick from {@link #logits()}, without the copy). */
    public int argmax() {
        try {
            return Logits.argmaxOfLastRow(logits);
        } catch (OrtException e) {
            throw failure(e);
        }
    }

    /** Tokens in the sequence (prompt and generated). */
    public int length() {
        return length;
    }

    /** Appends a token and computes the logits after it, reusing the cache. */
    public void advance(long token) {
        Map<String, OnnxTensorLike> past = new HashMap<>();
        for (int layer = 0; layer < spec.layers(); layer++) {
            past.put(spec.pastKey(layer), present(spec.presentKey(layer)));
            past.put(spec.pastValue(layer), present(spec.presentValue(layer)));
        }
        try {
            run(new long[] {token}, past);
        } catch (OrtException | RuntimeException e) {
            throw failure(e);
        }
    }

    /** Asks a run in progress to stop (from any thread); the run then fails and the state is unusable. */
    public void terminate() {
        try {
            runOptions.setTerminate(true);
        } catch (OrtException e) {
            throw new LocalModelException("could not stop the decoder run", e);
        }
    }

    private OnnxTensor present(String name) {
        return (OnnxTensor) cache.get(name).orElseThrow(() -> new LocalModelException("the decoder returned no '" + name + "'"));
    }

    private void run(long[] ids, Map<String, OnnxTensorLike> past) throws OrtException {
        int total = length + ids.length;
        long[] mask = new long[total];
        java.util.Arrays.fill(mask, 1L);
        long[] positions = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            positions[i] = length + i;
        }
        List<OnnxTensor> made = new ArrayList<>(3);
        try {
            Map<String, OnnxTensorLike> inputs = new HashMap<>(past);
            OnnxTensor idsTensor = decoder.longs(ids);
            made.add(idsTensor);
            inputs.put(spec.inputIds(), idsTensor);
            if (spec.attentionMask() != null) {
                OnnxTensor maskTensor = decoder.longs(mask);
                made.add(maskTensor);
                inputs.put(spec.attentionMask(), maskTensor);
            }
            if (spec.positionIds() != null) {
                OnnxTensor positionTensor = decoder.longs(positions);
                made.add(positionTensor);
                inputs.put(spec.positionIds(), positionTensor);
            }
            OrtSession.Result next = decoder.session().run(inputs, runOptions);
            OrtSession.Result previous = cache;
            cache = next;
            length = total;
            if (previous != null) {
                previous.close();
            }
            // Valid until the next run closes this result.
            logits = (OnnxTensor) next.get(spec.logits())
                    .orElseThrow(() -> new LocalModelException("the decoder returned no '" + spec.logits() + "'"));
        } finally {
            made.forEach(OnnxTensor::close);
        }
    }

    private static LocalModelException failure(Exception e) {
        return e instanceof LocalModelException l ? l : new LocalModelException("the decoder failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        logits = null;
        if (cache != null) {
            cache.close();
            cache = null;
        }
        runOptions.close();
    }
}
