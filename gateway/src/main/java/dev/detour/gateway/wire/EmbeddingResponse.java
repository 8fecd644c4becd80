package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/** The answer of {@code POST /v1/embeddings} in the OpenAI schema. */
public record EmbeddingResponse(String object, List<Embedding> data, String model, EmbeddingUsage usage) {

    public static EmbeddingResponse of(List<Embedding> data, String model, EmbeddingUsage usage) {
        return new EmbeddingResponse("list", List.copyOf(data), model, usage);
    }

    /** One input's vector: an array of floats, or (encoding_format base64) little-endian float32 bytes in base64. */
    public record Embedding(String object, int index, Object embedding) {

        public static Embedding of(int index, float[] vector) {
            return new Embedding("embedding", index, vector);
        }

        /** The vector as floats, whichever encoding this embedding is in. */
        public float[] vector() {
            if (embedding instanceof float[] vector) {
                return vector;
            }
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode((String) embedding)).order(ByteOrder.LITTLE_ENDIAN);
            float[] vector = new float[bytes.remaining() / Float.BYTES];
            bytes.asFloatBuffer().get(vector);
            return vector;
        }

        /** The same vector as OpenAI's base64 encoding: the raw little-endian float32 values. */
        public Embedding asBase64() {
            if (!(embedding instanceof float[] vector)) {
                return this;
            }
            ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float value : vector) {
                bytes.putFloat(value);
            }
            return new Embedding(object, index, Base64.getEncoder().encodeToString(bytes.array()));
        }
    }

    public EmbeddingResponse asBase64() {
        return new EmbeddingResponse(object, data.stream().map(Embedding::asBase64).toList(), model, usage);
    }

    /** Token counts of an embedding request. */
    public record EmbeddingUsage(@JsonProperty("prompt_tokens") int promptTokens,
                                 @JsonProperty("total_tokens") int totalTokens) {
    }
}
