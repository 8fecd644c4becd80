package dev.detour.gateway.config;

import dev.detour.gateway.providers.ProviderKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a provider's {@code models:}: a mapping of model name to details, or the short list of names Detour
 * knows; left out, the provider's built-in list.
 */
final class ProviderModelsReader {

    private final FieldReader reader;
    private final ModelConfigReader modelReader;

    ProviderModelsReader(FieldReader reader, ModelConfigReader modelReader) {
        this.reader = reader;
        this.modelReader = modelReader;
    }

    /**
     * The models of the provider at {@code provider}; {@code field} is its {@code models:} entry, or {@code null}.
     * The names declared are added to {@code known}, even when their details have problems.
     */
    List<ModelConfig> read(String providerName, Field provider, Field field, ProviderKind kind,
                           ProviderPreset preset, KnownDeployments known) {
        if (field == null || field.isAbsent()) {
            if (preset == null) {
                if (kind != null) {
                    reader.problemAtKey(provider, "missing 'models' (Detour has no built-in model list for this provider)");
                }
                return List.of();
            }
            known.addProvider(providerName, embeddingFlags(preset.models()));
            return preset.models();
        }
        Map<String, Boolean> declared = new LinkedHashMap<>();
        List<ModelConfig> models = new ArrayList<>();
        if (field.node() instanceof YamlSequence) {
            readModelNames(field, preset, declared, models);
        } else {
            var entries = reader.mapping(field, null);
            if (entries == null) {
                return List.of();
            }
            entries.forEach((name, modelField) -> {
                ModelConfig model = kind == null ? null
                        : modelReader.read(modelField, name, kind, preset == null ? null : preset.model(name));
                declared.put(name, model == null ? null : model.embedding());
                if (model != null) {
                    models.add(model);
                }
            });
        }
        if (declared.isEmpty()) {
            reader.problem(field, "no models: list at least one");
        }
        known.addProvider(providerName, declared);
        return models;
    }

    /** The short form {@code models: [gpt-4o-mini, gpt-4.1]}: names whose details Detour knows. */
    private void readModelNames(Field field, ProviderPreset preset, Map<String, Boolean> declared,
                                List<ModelConfig> models) {
        for (Field item : reader.list(field)) {
            ConfigText name = reader.text(item);
            if (name == null) {
                continue;
            }
            ModelConfig builtIn = preset == null ? null : preset.model(name.value());
            if (declared.containsKey(name.value())) {
                reader.problem(item, "model " + name.quoted() + " is listed twice");
            } else if (builtIn == null) {
                declared.put(name.value(), null);
                reader.problem(item, "Detour has no built-in details for model " + name.quoted()
                        + " here: write it as '" + name.value() + ": {context_window: ...}' under models");
            } else {
                declared.put(name.value(), builtIn.embedding());
                models.add(builtIn);
            }
        }
    }

    private static Map<String, Boolean> embeddingFlags(List<ModelConfig> models) {
        Map<String, Boolean> flags = new LinkedHashMap<>();
        models.forEach(m -> flags.put(m.name(), m.embedding()));
        return flags;
    }
}
