package dev.detour.gateway.config;

import dev.detour.gateway.providers.ProviderKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code providers:} section: one account per entry, its kind, URL, key, headers and models. */
final class ProviderConfigReader {

    static final List<String> KEYS = List.of("kind", "base_url", "api_key", "headers", "connect_timeout", "models");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final List<String> KIND_NAMES =
            Arrays.stream(ProviderKind.values()).map(ProviderKind::configName).toList();

    private final FieldReader reader;
    private final Problems problems;
    private final BuiltInDefaults defaults;
    private final ProviderModelsReader modelsReader;

    ProviderConfigReader(FieldReader reader, Problems problems, BuiltInDefaults defaults, List<String> notes) {
        this.reader = reader;
        this.problems = problems;
        this.defaults = defaults;
        this.modelsReader = new ProviderModelsReader(reader, new ModelConfigReader(reader, notes));
    }

    /** The valid providers; every provider name declared, valid or not, is added to {@code known}. */
    List<ProviderConfig> readAll(Field providersField, KnownDeployments known) {
        List<ProviderConfig> providers = new ArrayList<>();
        var entries = reader.mapping(providersField, null);
        if (entries != null) {
            entries.forEach((name, field) -> {
                ProviderConfig provider = read(name, field, known);
                if (provider != null) {
                    providers.add(provider);
                }
            });
        }
        return providers;
    }

    private ProviderConfig read(String name, Field field, KnownDeployments known) {
        int problemsBefore = problems.count();
        known.addProvider(name, null);
        if (!NAME.matcher(name).matches()) {
            reader.problemAtKey(field, "a provider name uses letters, digits, '.', '_' and '-' only "
                    + "(routes name a model as provider/model)");
        }
        Map<String, Field> keys = reader.mapping(field, KEYS);
        if (keys == null) {
            return null;
        }
        ProviderKind kind = kind(field, keys.get("kind"));
        String baseUrl = baseUrl(field, keys.get("base_url"), kind);
        String apiKey = apiKey(field, keys.get("api_key"), kind);
        Map<String, String> headers = headers(keys.get("headers"));
        Duration connectTimeout = connectTimeout(keys.get("connect_timeout"));
        ProviderPreset preset = kind == null ? null : defaults.presetFor(kind, baseUrl);
        List<ModelConfig> models = modelsReader.read(name, field, keys.get("models"), kind, preset, known);
        if (problems.count() > problemsBefore) {
            return null;
        }
        return new ProviderConfig(name, kind, baseUrl, apiKey, headers, connectTimeout, models);
    }

    private ProviderKind kind(Field provider, Field field) {
        ConfigText text = field == null ? null : reader.text(field);
        if (text == null) {
            if (field == null || field.isAbsent()) {
                reader.problemAtKey(provider, "missing 'kind' (one of: " + String.join(", ", KIND_NAMES) + ")");
            }
            return null;
        }
        ProviderKind kind = ProviderKind.fromConfigName(text.value().trim());
        if (kind == null) {
            String hint = Suggestions.closest(text.value(), KIND_NAMES).map(s -> ", did you mean '" + s + "'?").orElse("");
            reader.problem(field, "unknown kind " + text.quoted() + hint + " (one of: " + String.join(", ", KIND_NAMES) + ")");
        }
        return kind;
    }

    private String baseUrl(Field provider, Field field, ProviderKind kind) {
        if (field != null && !field.isAbsent()) {
            return reader.httpUrl(field);
        }
        if (kind == null) {
            return null;
        }
        String familyDefault = defaults.baseUrl(kind);
        if (familyDefault == null) {
            reader.problemAtKey(provider, "missing 'base_url' (required for kind " + kind.configName() + ")");
        }
        return familyDefault;
    }

    /** The key, trimmed. Never quoted in a message: it is the one value here that is always a secret. */
    private String apiKey(Field provider, Field field, ProviderKind kind) {
        boolean required = kind != null && requiresApiKey(kind);
        if (field == null || field.isAbsent()) {
            if (required) {
                reader.problemAtKey(provider, "missing 'api_key' (required for kind " + kind.configName()
                        + "; for example api_key: ${" + keyVariable(kind) + "})");
            }
            return null;
        }
        ConfigText text = reader.text(field);
        if (text == null) {
            return null;
        }
        String key = text.value().trim();
        if (key.isEmpty() && required) {
            reader.problem(field, "api_key is empty" + (text.raw().contains("${") ? " (from " + text.quoted() + ")" : ""));
        }
        return key.isEmpty() ? null : key;
    }

    private Map<String, String> headers(Field field) {
        Map<String, String> headers = new LinkedHashMap<>();
        var entries = field == null ? null : reader.mapping(field, null);
        if (entries == null) {
            return headers;
        }
        entries.forEach((name, valueField) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                reader.problemAtKey(valueField, "not a valid HTTP header name");
            }
            // Header values may carry credentials: like api_key, they are never quoted in a message.
            ConfigText value = reader.text(valueField);
            if (value == null && valueField.isAbsent()) {
                reader.problem(valueField, "a header needs a value");
            } else if (value != null && !value.value().isEmpty()) {
                // An empty value leaves the header out, so ${OPTIONAL_VARIABLE:-} makes a header optional.
                headers.put(name, value.value());
            }
        });
        return headers;
    }

    private Duration connectTimeout(Field field) {
        Duration timeout = field == null ? null : reader.duration(field);
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            reader.problem(field, "must be longer than 0");
            return null;
        }
        return timeout;
    }

    /** Hosted services refuse calls without a key; local servers and many self-hosted endpoints need none. */
    static boolean requiresApiKey(ProviderKind kind) {
        return switch (kind) {
            case OPENAI, ANTHROPIC, GEMINI, MISTRAL -> true;
            case OPENAI_COMPATIBLE, OLLAMA -> false;
        };
    }

    private String keyVariable(ProviderKind kind) {
        ProviderPreset preset = defaults.presetFor(kind, null);
        return preset != null && !preset.apiKeyVariables().isEmpty()
                ? preset.apiKeyVariables().get(0)
                : kind.configName().toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY";
    }
}
