package dev.detour.cache.embed;

import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.util.Arrays;
import java.util.Optional;

/** The in-process embedding models on offer (LangChain4j packs them with their tokenizers from Maven Central). */
public enum EmbeddingModelChoice {

    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
            PoolingMode.MEAN, 384),
    BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
            PoolingMode.CLS, 384);

    private final String configName;
    private final String modelResource;
    private final String tokenizerResource;
    private final PoolingMode pooling;
    private final int dimension;

    EmbeddingModelChoice(String configName, String modelResource, String tokenizerResource, PoolingMode pooling,
                         int dimension) {
        this.configName = configName;
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.pooling = pooling;
        this.dimension = dimension;
    }

    public static Optional<EmbeddingModelChoice> byConfigName(String name) {
        return Arrays.stream(values()).filter(c -> c.configName.equals(name)).findFirst();
    }

    public String configName() {
        return configName;
    }

    String modelResource() {
        return modelResource;
    }

    String tokenizerResource() {
        return tokenizerResource;
    }

    PoolingMode pooling() {
        return pooling;
    }

    public int dimension() {
        return dimension;
    }
}
