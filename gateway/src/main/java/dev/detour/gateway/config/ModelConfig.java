package dev.detour.gateway.config;

import java.util.List;

/**
 * A model at a provider: its upstream name, context window, and prices in USD per million tokens.
 * {@code embedding} marks a model served on {@code /v1/embeddings} rather than chat. {@code cachedInputPricePerMillion}
 * is what a prompt token read from the provider's prompt cache costs (the input price unless said otherwise);
 * {@code languages} are the ISO 639-1 codes of the languages the model is declared to serve well (empty: none declared).
 */
public record ModelConfig(
        String name,
        int contextWindow,
        double inputPricePerMillion,
        double outputPricePerMillion,
        boolean embedding,
        double cachedInputPricePerMillion,
        List<String> languages) {

    public ModelConfig {
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    /** A model with no cached-input discount and no declared languages. */
    public ModelConfig(String name, int contextWindow, double inputPricePerMillion, double outputPricePerMillion,
                       boolean embedding) {
        this(name, contextWindow, inputPricePerMillion, outputPricePerMillion, embedding, inputPricePerMillion,
                List.of());
    }
}
