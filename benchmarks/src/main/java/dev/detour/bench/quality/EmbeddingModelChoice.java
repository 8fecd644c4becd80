package dev.detour.bench.quality;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import java.util.function.Supplier;

/** The embedding models the cache offers, by the names the verifier's parameter files use. */
enum EmbeddingModelChoice {
    MINILM("all-minilm-l6-v2-q", AllMiniLmL6V2QuantizedEmbeddingModel::new),
    BGE("bge-small-en-v1.5-q", BgeSmallEnV15QuantizedEmbeddingModel::new);

    private final String modelName;
    private final Supplier<EmbeddingModel> factory;

    EmbeddingModelChoice(String modelName, Supplier<EmbeddingModel> factory) {
        this.modelName = modelName;
        this.factory = factory;
    }

    String modelName() {
        return modelName;
    }

    EmbeddingModel create() {
        return factory.get();
    }

    static EmbeddingModelChoice byName(String name) {
        for (EmbeddingModelChoice c : values()) {
            if (c.modelName.equalsIgnoreCase(name) || c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown embedding model '" + name + "' (all-minilm-l6-v2-q or bge-small-en-v1.5-q)");
    }
}
