package dev.detour.gateway.config;

import dev.detour.gateway.providers.ProviderKind;

import java.util.List;

/**
 * A provider Detour knows out of the box: its family, base URL, the environment variables that reveal an account
 * (a key in one of {@code apiKeyVariables}; for keyless local servers, {@code baseUrlVariable}), and its models.
 */
record ProviderPreset(
        String name,
        ProviderKind kind,
        String baseUrl,
        List<String> apiKeyVariables,
        String baseUrlVariable,
        List<ModelConfig> models) {

    ProviderPreset {
        apiKeyVariables = List.copyOf(apiKeyVariables);
        models = List.copyOf(models);
    }

    ModelConfig model(String modelName) {
        return models.stream().filter(m -> m.name().equals(modelName)).findFirst().orElse(null);
    }
}
