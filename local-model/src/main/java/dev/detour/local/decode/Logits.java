package dev.detour.local.decode;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;

import java.nio.FloatBuffer;

/** Reads the last position's logits out of the decoder's output, as floats whatever the graph's dtype. */
final class Logits {

    private Logits() {
    }

    /** The logits row of the last position of a [batch=1, positions, vocab] (or [1, vocab]) tensor. */
    static float[] lastRow(OnnxTensor logits) throws OrtException {
        long[] shape = logits.getInfo().getShape();
        // The graph's vocabulary dimension, which may be padded beyond the tokenizer's.
        int vocab = (int) shape[shape.length - 1];
        long elements = 1;
        for (long d : shape) {
            elements *= d;
        }
        int offset = (int) (elements - vocab);
        float[] row = new float[vocab];
        OnnxJavaType type = logits.getInfo().type;
        if (type == OnnxJavaType.FLOAT16) {
            short[] bits = new short[vocab];
            logits.getShortBuffer().get(offset, bits, 0, vocab);
            for (int i = 0; i < vocab; i++) {
                row[i] = Float.float16ToFloat(bits[i]);
            }
        } else if (type == OnnxJavaType.FLOAT) {
            FloatBuffer values = logits.getFloatBuffer();
            values.get(offset, row, 0, vocab);
        } else {
            throw new OrtException("logits of type " + type + " are not supported (float32 or float16 expected)");
        }
        return row;
    }
}
