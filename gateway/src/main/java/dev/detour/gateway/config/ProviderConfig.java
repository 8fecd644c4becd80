package dev.detour.gateway.config;

import dev.detour.gateway.providers.ProviderKind;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One configured provider account: its family, where it is, its key, and the models Detour may use there.
 * {@code apiKey} is a secret: {@link #toString()} never shows it.
 */
public record ProviderConfig(
        String name,
        ProviderKind kind,
        String baseUrl,
        String apiKey,
        Map<String, String> headers,
        Duration connectTimeout,
        List<ModelConfig> models) {

    public ProviderConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        models = models == null ? List.of() : List.copyOf(models);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
    }

    public ModelConfig model(String modelName) {
        return models.stream().filter(m -> m.name().equals(modelName)).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "ProviderConfig[name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "(none)" : "(set)") + ", models=" + models + "]";
    }
}
