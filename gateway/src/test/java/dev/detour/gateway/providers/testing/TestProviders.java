package dev.detour.gateway.providers.testing;

import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.providers.ProviderKind;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Provider configs for tests. */
public final class TestProviders {

    public static final String API_KEY = "sk-test-SECRET-0123456789";

    private TestProviders() {
    }

    public static ProviderConfig provider(ProviderKind kind, String baseUrl, String... models) {
        List<ModelConfig> list = java.util.Arrays.stream(models).map(TestProviders::model).toList();
        return new ProviderConfig(kind.configName() + "-test", kind, baseUrl, API_KEY, Map.of(),
                Duration.ofSeconds(2), list);
    }

    public static ModelConfig model(String name) {
        return new ModelConfig(name, 128_000, 1.0, 2.0, false);
    }
}
