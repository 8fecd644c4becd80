package dev.detour.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the {@code cache:} section; every key defaults as documented, and with no section the cache runs on defaults. */
final class CacheConfigReader {

    static final List<String> KEYS = List.of("enabled", "tenant", "embedding_model", "threshold", "ttl",
            "max_entries", "max_temperature", "lookup_timeout", "candidates", "time_sensitive", "verifier",
            "hot_memory");
    static final List<String> TIME_SENSITIVE_KEYS = List.of("action", "ttl", "phrases");
    static final List<String> MODELS = List.of("all-minilm-l6-v2-q", "bge-small-en-v1.5-q");
    static final List<String> ACTIONS = List.of("short_ttl", "no_store", "ignore");
    static final List<String> VERIFIERS = List.of(CacheConfig.TRAINED_VERIFIER, CacheConfig.COSINE_VERIFIER);

    private final FieldReader reader;

    CacheConfigReader(FieldReader reader) {
        this.reader = reader;
    }

    CacheConfig read(Field field) {
        if (field == null || field.isAbsent()) {
            // The cache is part of the embedded defaults: a file must say `enabled: false` to run without it.
            return CacheConfig.DEFAULTS;
        }
        CacheConfig d = CacheConfig.DEFAULTS;
        Map<String, Field> keys = reader.mapping(field, KEYS);
        if (keys == null) {
            return CacheConfig.DISABLED;
        }
        Boolean enabled = keys.get("enabled") == null ? null : reader.bool(keys.get("enabled"));
        String tenant = word(keys.get("tenant"), d.tenant(), "a tenant name");
        String model = d.embeddingModel();
        Field modelField = keys.get("embedding_model");
        ConfigText modelText = modelField == null ? null : reader.text(modelField);
        if (modelText != null) {
            if (MODELS.contains(modelText.value().trim())) {
                model = modelText.value().trim();
            } else {
                reader.problem(modelField, "expected one of " + String.join(", ", MODELS) + ", got "
                        + modelText.quoted());
            }
        }
        double threshold = fraction(keys.get("threshold"), d.threshold(), false);
        Duration ttl = duration(keys.get("ttl"), d.ttl(), true);
        int maxEntries = positive(keys.get("max_entries"), d.maxEntries());
        double maxTemperature = d.maxTemperature();
        Field temperatureField = keys.get("max_temperature");
        Double temperature = temperatureField == null ? null : reader.number(temperatureField);
        if (temperature != null) {
            if (temperature < 0 || temperature > 2) {
                reader.problem(temperatureField, "a temperature is between 0 and 2, got " + temperature);
            } else {
                maxTemperature = temperature;
            }
        }
        Duration lookupTimeout = duration(keys.get("lookup_timeout"), d.lookupTimeout(), false);
        int candidates = positive(keys.get("candidates"), d.candidates());
        CacheConfig.TimeSensitiveRule rule = timeSensitive(keys.get("time_sensitive"), d.timeSensitive());
        String verifier = oneOf(keys.get("verifier"), VERIFIERS, d.verifier());
        long hotMemory = d.hotMemoryBytes();
        Field hotField = keys.get("hot_memory");
        Long hotValue = hotField == null ? null : reader.byteSize(hotField);
        if (hotValue != null) {
            if (hotValue < 0) {
                reader.problem(hotField, "must be 0 bytes or more");
            } else {
                hotMemory = hotValue;
            }
        }
        return new CacheConfig(enabled == null || enabled, tenant, model, threshold, ttl, maxEntries, maxTemperature,
                lookupTimeout, candidates, rule, verifier, hotMemory);
    }

    private CacheConfig.TimeSensitiveRule timeSensitive(Field field, CacheConfig.TimeSensitiveRule d) {
        if (field == null || field.isAbsent()) {
            return d;
        }
        Map<String, Field> keys = reader.mapping(field, TIME_SENSITIVE_KEYS);
        if (keys == null) {
            return d;
        }
        String action = d.action();
        Field actionField = keys.get("action");
        ConfigText actionText = actionField == null ? null : reader.text(actionField);
        if (actionText != null) {
            if (ACTIONS.contains(actionText.value().trim())) {
                action = actionText.value().trim();
            } else {
                reader.problem(actionField, "expected one of " + String.join(", ", ACTIONS) + ", got "
                        + actionText.quoted());
            }
        }
        Duration ttl = duration(keys.get("ttl"), d.ttl(), false);
        List<String> phrases = d.phrases();
        Field phrasesField = keys.get("phrases");
        if (phrasesField != null) {
            List<Field> items = reader.list(phrasesField);
            if (items != null) {
                List<String> read = new ArrayList<>();
                for (Field item : items) {
                    ConfigText text = reader.text(item);
                    if (text == null) {
                        continue;
                    }
                    if (text.value().isBlank()) {
                        reader.problem(item, "a phrase may not be empty");
                    } else {
                        read.add(text.value().trim());
                    }
                }
                phrases = read;
            }
        }
        return new CacheConfig.TimeSensitiveRule(action, ttl, phrases);
    }

    private String oneOf(Field field, List<String> allowed, String fallback) {
        ConfigText text = field == null ? null : reader.text(field);
        if (text == null) {
            return fallback;
        }
        String value = text.value().trim();
        if (!allowed.contains(value)) {
            reader.problem(field, "expected one of " + String.join(", ", allowed) + ", got " + text.quoted());
            return fallback;
        }
        return value;
    }

    private String word(Field field, String fallback, String what) {
        ConfigText text = field == null ? null : reader.text(field);
        if (text == null) {
            return fallback;
        }
        String value = text.value().trim();
        if (value.isEmpty()) {
            reader.problem(field, "expected " + what + ", got an empty string");
            return fallback;
        }
        return value;
    }

    private double fraction(Field field, double fallback, boolean zeroAllowed) {
        Double value = field == null ? null : reader.number(field);
        if (value == null) {
            return fallback;
        }
        if (value > 1 || value < 0 || (!zeroAllowed && value == 0)) {
            reader.problem(field, "a cosine similarity threshold is more than 0 and at most 1, got " + value);
            return fallback;
        }
        return value;
    }

    private Duration duration(Field field, Duration fallback, boolean zeroAllowed) {
        Duration value = field == null ? null : reader.duration(field);
        if (value == null) {
            return fallback;
        }
        if (value.isZero() && !zeroAllowed) {
            reader.problem(field, "must be more than 0");
            return fallback;
        }
        return value;
    }

    private int positive(Field field, int fallback) {
        Integer value = field == null ? null : reader.integer(field);
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            reader.problem(field, "must be at least 1, got " + value);
            return fallback;
        }
        return value;
    }
}
