package dev.detour.gateway.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The answer of {@code POST /v1/embeddings} in the OpenAI schema. */
public record EmbeddingResponse(String object, List<Embedding> data, String model, EmbeddingUsage usage) {

    public static EmbeddingResponse of(List<Embedding> data, String model, EmbeddingUsage usage) {
        return new EmbeddingResponse("list", List.copyOf(data), model, usage);
    }

    /** One input's vector. */
    public record Embedding(String object, int index, float[] embedding) {

        public static Embedding of(int index, float[] vector) {
            return new Embedding("embedding", index, vector);
        }
    }

    /** Token counts of an embedding request. */
    public record EmbeddingUsage(@JsonProperty("prompt_tokens") int promptTokens,
                                 @JsonProperty("total_tokens") int totalTokens) {
    }
}
