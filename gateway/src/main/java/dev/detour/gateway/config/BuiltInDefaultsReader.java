package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads the built-in catalog ({@code detour/default-models.yaml}) with the same position-keeping reader as detour.yaml. */
final class BuiltInDefaultsReader {

    private static final List<String> PRESET_KEYS =
            List.of("kind", "base_url", "api_key_env", "base_url_env", "models");

    private BuiltInDefaultsReader() {
    }

    /** Parses a catalog; a broken one is a bug in Detour's build, so it fails with every problem listed. */
    static BuiltInDefaults read(String text, String source) {
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
