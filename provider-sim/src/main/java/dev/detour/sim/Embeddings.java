package dev.detour.sim;

import java.util.Base64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Deterministic unit vectors from text: equal texts embed equally, different texts almost surely differ. */
final class Embeddings {

    static final int DEFAULT_DIMENSIONS = 16;

    private Embeddings() {
    }

    static float[] vector(String text, int dimensions) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            h += 0x9E3779B97F4A7C15L;
            long z = h;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            v[i] = (float) ((z >>> 11) * 0x1.0p-53 * 2 - 1);
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm == 0 ? 1 : norm));
        for (int i = 0; i < dimensions; i++) {
            v[i] *= scale;
        }
        return v;
    }

    /** OpenAI's encoding_format=base64: little-endian float32s, base64-encoded. */
    static String base64(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            buf.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }

    static com.fasterxml.jackson.databind.node.ArrayNode json(float[] v) {
        var a = Json.array();
        for (float f : v) {
            a.add(f);
        }
        return a;
    }
}
