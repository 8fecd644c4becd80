package dev.detour.gateway.config;

/**
 * A model at a provider: its upstream name, context window, and prices in USD per million tokens.
 * {@code embedding} marks a model served on {@code /v1/embeddings} rather than chat.
 */
public record ModelConfig(
        String name,
        int contextWindow,
        double inputPricePerMillion,
        double outputPricePerMillion,
        boolean embedding) {
}
