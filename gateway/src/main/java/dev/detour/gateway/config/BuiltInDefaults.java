package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What Detour knows without being told, read from {@code detour/default-models.yaml} on the classpath: each family's
 * base URL, the providers environment discovery looks for with their models and prices, and the default route.
 */
record BuiltInDefaults(Map<ProviderKind, String> baseUrls, List<ProviderPreset> presets,
                       List<List<DeploymentId>> defaultRoute) {

    static final String RESOURCE = "detour/default-models.yaml";

    private static final List<String> PRESET_KEYS =
            List.of("kind", "base_url", "api_key_env", "base_url_env", "models");

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
        return parse(text, "classpath:" + RESOURCE);
    }

    /** Parses a catalog; a broken one is a bug in Detour's build, so it fails with every problem listed. */
    static BuiltInDefaults parse(String text, String source) {
        Problems problems = new Problems(source);
        FieldReader reader = new FieldReader(problems, new EnvInterpolator(Map.of()));
        ModelConfigReader modelReader = new ModelConfigReader(reader, new ArrayList<>());
        var root = reader.mapping(Field.root(new YamlTreeReader(problems).read(text)),
                List.of("default_base_urls", "providers", "default_route"));
        Map<ProviderKind, String> baseUrls = new EnumMap<>(ProviderKind.class);
        List<ProviderPreset> presets = new ArrayList<>();
        List<List<DeploymentId>> defaultRoute = new ArrayList<>();
        if (root != null) {
            readBaseUrls(reader, root.get("default_base_urls"), baseUrls);
            readPresets(reader, modelReader, root.get("providers"), presets);
            readDefaultRoute(reader, root.get("default_route"), defaultRoute);
        }
        problems.throwIfAny();
        return new BuiltInDefaults(baseUrls, presets, defaultRoute);
    }

    private static void readBaseUrls(FieldReader reader, Field field, Map<ProviderKind, String> into) {
        if (field == null) {
            return;
        }
        var entries = reader.mapping(field, null);
        if (entries == null) {
            return;
        }
        entries.forEach((kindName, urlField) -> {
            ProviderKind kind = ProviderKind.fromConfigName(kindName);
            String url = reader.httpUrl(urlField);
            if (kind == null) {
                reader.problemAtKey(urlField, "unknown kind");
            } else if (url != null) {
                into.put(kind, url);
            }
        });
    }

    private static void readPresets(FieldReader reader, ModelConfigReader modelReader, Field field,
                                    List<ProviderPreset> into) {
        var entries = field == null ? null : reader.mapping(field, null);
        if (entries == null) {
            return;
        }
        entries.forEach((name, presetField) -> {
            var keys = reader.mapping(presetField, PRESET_KEYS);
            if (keys == null) {
                return;
            }
            ConfigText kindText = keys.containsKey("kind") ? reader.text(keys.get("kind")) : null;
            ProviderKind kind = kindText == null ? null : ProviderKind.fromConfigName(kindText.value());
            if (kind == null) {
                reader.problemAtKey(presetField, "missing or unknown kind");
                return;
            }
            String baseUrl = keys.containsKey("base_url") ? reader.httpUrl(keys.get("base_url")) : null;
            List<String> keyVariables = new ArrayList<>();
            if (keys.containsKey("api_key_env")) {
                var items = reader.list(keys.get("api_key_env"));
                if (items != null) {
                    items.forEach(item -> {
                        ConfigText variable = reader.text(item);
                        if (variable != null) {
                            keyVariables.add(variable.value());
                        }
                    });
                }
            }
            ConfigText baseUrlVariable = keys.containsKey("base_url_env") ? reader.text(keys.get("base_url_env")) : null;
            List<ModelConfig> models = new ArrayList<>();
            var modelEntries = keys.containsKey("models") ? reader.mapping(keys.get("models"), null) : null;
            if (modelEntries != null) {
                modelEntries.forEach((modelName, modelField) -> {
                    ModelConfig model = modelReader.read(modelField, modelName, kind, null);
                    if (model != null) {
                        models.add(model);
                    }
                });
            }
            into.add(new ProviderPreset(name, kind, baseUrl, keyVariables,
                    baseUrlVariable == null ? null : baseUrlVariable.value(), models));
        });
    }

    private static void readDefaultRoute(FieldReader reader, Field field, List<List<DeploymentId>> into) {
        var tiers = field == null ? null : reader.list(field);
        if (tiers == null) {
            return;
        }
        for (Field tierField : tiers) {
            var targets = reader.list(tierField);
            if (targets == null) {
                continue;
            }
            List<DeploymentId> tier = new ArrayList<>();
            for (Field targetField : targets) {
                ConfigText target = reader.text(targetField);
                if (target == null) {
                    continue;
                }
                try {
                    tier.add(DeploymentId.parse(target.value()));
                } catch (IllegalArgumentException e) {
                    reader.problem(targetField, e.getMessage());
                }
            }
            into.add(tier);
        }
    }
}
