package dev.detour.local.decode;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;

import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/** Reads the last position's logits out of the decoder's output, whatever the graph's dtype (float32 or float16). */
final class Logits {

    private Logits() {
    }

    /** The logits row of the last position of a [batch=1, positions, vocab] (or [1, vocab]) tensor, as floats. */
    static float[] lastRow(OnnxTensor logits) throws OrtException {
        int vocab = vocab(logits);
        int offset = offset(logits, vocab);
        float[] row = new float[vocab];
        OnnxJavaType type = logits.getInfo().type;
        if (type == OnnxJavaType.FLOAT16) {
            short[] bits = new short[vocab];
            logits.getShortBuffer().get(offset, bits, 0, vocab);
            for (int i = 0; i < vocab; i++) {
                row[i] = Float.float16ToFloat(bits[i]);
            }
        } else if (type == OnnxJavaType.FLOAT) {
            logits.getFloatBuffer().get(offset, row, 0, vocab);
        } else {
            throw unsupported(type);
        }
        return row;
    }

    /**
     * The index of the largest logit of the last position (the lowest index on ties), read straight from the
     * tensor: greedy decoding needs no float copy of the whole vocabulary.
     */
    static int argmaxOfLastRow(OnnxTensor logits) throws OrtException {
        int vocab = vocab(logits);
        int offset = offset(logits, vocab);
        OnnxJavaType type = logits.getInfo().type;
        int best = 0;
        float max = Float.NEGATIVE_INFINITY;
        if (type == OnnxJavaType.FLOAT16) {
            ShortBuffer bits = logits.getShortBuffer();
            for (int i = 0; i < vocab; i++) {
                float value = Float.float16ToFloat(bits.get(offset + i));
                if (value > max) {
                    max = value;
                    best = i;
                }
            }
        } else if (type == OnnxJavaType.FLOAT) {
            FloatBuffer values = logits.getFloatBuffer();
            for (int i = 0; i < vocab; i++) {
                float value = values.get(offset + i);
                if (value > max) {
                    max = value;
                    best = i;
                }
            }
        } else {
            throw unsupported(type);
        }
        return best;
    }

    // The graph's vocabulary dimension, which may be padded beyond the tokenizer's.
    private static int vocab(OnnxTensor logits) {
        long[] shape = logits.getInfo().getShape();
        return (int) shape[shape.length - 1];
    }

    private static int offset(OnnxTensor logits, int vocab) {
        return (int) (logits.getInfo().getNumElements() - vocab);
    }

    private static OrtException unsupported(OnnxJavaType type) {
        return new OrtException("logits of type " + type + " are not supported (float32 or float16 expected)");
    }
}
