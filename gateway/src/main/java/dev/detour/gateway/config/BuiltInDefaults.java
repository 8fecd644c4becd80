package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What Detour knows without being told, read from {@code detour/default-models.yaml} on the classpath: each family's
 * base URL, the providers environment discovery looks for with their models and prices, and the default route.
 */
record BuiltInDefaults(Map<ProviderKind, String> baseUrls, List<ProviderPreset> presets,
                       List<List<DeploymentId>> defaultRoute) {

    static final String RESOURCE = "detour/default-models.yaml";

    BuiltInDefaults {
        baseUrls = Map.copyOf(baseUrls);
        presets = List.copyOf(presets);
        defaultRoute = defaultRoute.stream().map(List::copyOf).toList();
    }

    /** The family's default base URL, or {@code null} (openai-compatible has none). */
    String baseUrl(ProviderKind kind) {
        return baseUrls.get(kind);
    }

    /**
     * The preset a configured provider is an account at: for a named family, its preset; for openai-compatible,
     * the preset at the same base URL (so a detour.yaml DeepSeek entry gets DeepSeek's models). May be {@code null}.
     */
    ProviderPreset presetFor(ProviderKind kind, String baseUrl) {
        for (ProviderPreset preset : presets) {
            if (preset.kind() != kind) {
                continue;
            }
            if (kind != ProviderKind.OPENAI_COMPATIBLE) {
                return preset;
            }
            if (preset.baseUrl() != null && baseUrl != null
                    && HttpUrls.withoutTrailingSlash(preset.baseUrl()).equalsIgnoreCase(baseUrl)) {
                return preset;
            }
        }
        return null;
    }

    static BuiltInDefaults load() {
        String text;
        try (InputStream in = BuiltInDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return BuiltInDefaultsReader.read(text, "classpath:" + RESOURCE);
    }
}
