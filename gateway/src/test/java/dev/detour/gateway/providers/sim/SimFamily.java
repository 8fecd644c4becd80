package dev.detour.gateway.providers.sim;

import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.sim.ProviderSim;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The six provider kinds as the sim suite drives them: each with its own upstream model name (so the sim's attempt
 * counts are per family) and the base URL a user would configure for the real provider's root.
 */
enum SimFamily {
    OPENAI(ProviderKind.OPENAI, "gpt-sim"),
    OPENAI_COMPATIBLE(ProviderKind.OPENAI_COMPATIBLE, "compat-sim"),
    ANTHROPIC(ProviderKind.ANTHROPIC, "claude-sim"),
    GEMINI(ProviderKind.GEMINI, "gemini-sim"),
    MISTRAL(ProviderKind.MISTRAL, "mistral-sim"),
    OLLAMA(ProviderKind.OLLAMA, "ollama-sim");

    static final String API_KEY = "sk-sim-suite-0123456789";

    final ProviderKind kind;
    final String model;

    SimFamily(ProviderKind kind, String model) {
        this.kind = kind;
        this.model = model;
    }

    /** OpenAI-style configs name the versioned API root; the others name the server root (the family adds its version). */
    String baseUrl(ProviderSim sim) {
        return switch (kind) {
            case OPENAI, OPENAI_COMPATIBLE -> sim.baseUrl() + "/v1";
            case ANTHROPIC, GEMINI, MISTRAL, OLLAMA -> sim.baseUrl();
        };
    }

    ProviderConfig provider(ProviderSim sim) {
        return new ProviderConfig("sim-" + kind.configName(), kind, baseUrl(sim), API_KEY, Map.of(),
                Duration.ofSeconds(2), List.of(new ModelConfig(model, 128_000, 1.0, 2.0, false)));
    }

    /** Whether the family's wire carries tool-call ids (Gemini's has none: the adapter makes one up). */
    boolean wireCarriesToolCallIds() {
        return this != GEMINI;
    }

    @Override
    public String toString() {
        return kind.configName();
    }
}
