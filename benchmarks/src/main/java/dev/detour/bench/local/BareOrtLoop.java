package dev.detour.bench.local;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.detour.local.folder.DecoderSpec;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The least a greedy decode loop can do on ONNX Runtime: the yardstick for the local-model module's own loop. No
 * tokenizer, no detokenization, no stop checks: prefill, then argmax and one run per token, present fed back as past.
 */
final class BareOrtLoop implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final DecoderSpec spec;
    private final boolean fp16;

    BareOrtLoop(DecoderSpec spec, int intraOpThreads) throws OrtException {
        this.spec = spec;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(spec.modelFile().toString(), options);
        }
        fp16 = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(spec.pastKey(0)).getInfo()).type == OnnxJavaType.FLOAT16;
    }

    /** Generates {@code count} tokens greedily after {@code prompt}; returns them, and the time of the first in {@code firstAt[0]}. */
    long[] generate(long[] prompt, int count, long[] firstAt) throws OrtException {
        long[] out = new long[count];
        Map<String, OnnxTensorLike> past = new HashMap<>();
        List<OnnxTensor> empties = new ArrayList<>();
        long[] emptyShape = {1, spec.kvHeads(), 0, spec.headSize()};
        for (int l = 0; l < spec.layers(); l++) {
            for (String name : new String[] {spec.pastKey(l), spec.pastValue(l)}) {
                OnnxTensor t = fp16 ? OnnxTensor.createTensor(env, ShortBuffer.allocate(0), emptyShape, OnnxJavaType.FLOAT16)
                        : OnnxTensor.createTensor(env, FloatBuffer.allocate(0), emptyShape);
                empties.add(t);
                past.put(name, t);
            }
        }
        OrtSession.Result previous = null;
        long[] ids = prompt;
        int length = 0;
        for (int i = 0; i < count; i++) {
            int total = length + ids.length;
            long[] mask = new long[total];
            java.util.Arrays.fill(mask, 1);
            long[] positions = new long[ids.length];
            for (int p = 0; p < ids.length; p++) {
                positions[p] = length + p;
            }
            Map<String, OnnxTensorLike> inputs = new HashMap<>(past);
            try (OnnxTensor idsT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length});
                 OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {1, total});
                 OnnxTensor posT = OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {1, ids.length})) {
                inputs.put(spec.inputIds(), idsT);
                inputs.put(spec.attentionMask(), maskT);
                inputs.put(spec.positionIds(), posT);
                OrtSession.Result result = session.run(inputs);
                if (previous != null) {
                    previous.close();
                } else {
                    empties.forEach(OnnxTensor::close);
                }
                previous = result;
                OnnxTensor logits = (OnnxTensor) result.get(spec.logits()).orElseThrow();
                long[] shape = logits.getInfo().getShape();
                int vocab = (int) shape[shape.length - 1];
                int offset = (int) (logits.getInfo().getNumElements() - vocab);
                int best = 0;
                if (fp16) {
                    ShortBuffer bits = logits.getShortBuffer();
                    float max = Float.NEGATIVE_INFINITY;
                    for (int v = 0; v < vocab; v++) {
                        float f = Float.float16ToFloat(bits.get(offset + v));
                        if (f > max) {
                            max = f;
                            best = v;
                        }
                    }
                } else {
                    FloatBuffer values = logits.getFloatBuffer();
                    float max = Float.NEGATIVE_INFINITY;
                    for (int v = 0; v < vocab; v++) {
                        float f = values.get(offset + v);
                        if (f > max) {
                            max = f;
                            best = v;
                        }
                    }
                }
                out[i] = best;
                if (i == 0) {
                    firstAt[0] = System.nanoTime();
                }
                length = total;
                ids = new long[] {best};
                past = new HashMap<>();
                for (int l = 0; l < spec.layers(); l++) {
                    past.put(spec.pastKey(l), (OnnxTensor) result.get(spec.presentKey(l)).orElseThrow());
                    past.put(spec.pastValue(l), (OnnxTensor) result.get(spec.presentValue(l)).orElseThrow());
                }
            }
        }
        if (previous != null) {
            previous.close();
        }
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
