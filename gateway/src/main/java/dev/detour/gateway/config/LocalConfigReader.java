package dev.detour.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code local:} section and finds the local models: in {@code models/} (of the working directory) and
 * in {@code models_dir} when set. Every key is optional; with no section, {@code models/} is still searched.
 */
final class LocalConfigReader {

    static final List<String> KEYS = List.of("models_dir", "last_resort", "tier_timeout", "intra_op_threads",
            "inter_op_threads", "max_concurrent", "max_queued", "max_wait", "timeout");

    /** Searched always, relative to the working directory: the repository's own models folder. */
    static final Path DEFAULT_MODELS_DIR = Path.of("models");

    private final FieldReader reader;
    private final List<String> notes;

    LocalConfigReader(FieldReader reader, List<String> notes) {
        this.reader = reader;
        this.notes = notes;
    }

    LocalConfig read(Field field, KnownDeployments known) {
        LocalConfig d = LocalConfig.NONE;
        Map<String, Field> keys = field == null ? Map.of() : reader.mapping(field, KEYS);
        if (keys == null) {
            keys = Map.of();
        }
        Map<String, Path> models = new LinkedHashMap<>(LocalModelDirs.find(DEFAULT_MODELS_DIR));
        Field dirField = keys.get("models_dir");
        ConfigText dirText = dirField == null ? null : reader.text(dirField);
        if (dirText != null) {
            Path dir = Path.of(dirText.value().trim());
            if (!java.nio.file.Files.isDirectory(dir)) {
                reader.problem(dirField, "no such folder " + dirText.quoted() + " (it should hold one folder per model)");
            } else {
                LocalModelDirs.find(dir).forEach(models::putIfAbsent);
            }
        }
        if (!models.isEmpty() && known.hasProvider(LocalConfig.PROVIDER)) {
            if (field != null) {
                reader.problemAtKey(field, "a provider is named '" + LocalConfig.PROVIDER
                        + "', the name reserved for local models; rename it");
            } else {
                notes.add("local models found in " + DEFAULT_MODELS_DIR + " are not served: a provider is named '"
                        + LocalConfig.PROVIDER + "'");
            }
            models.clear();
        }
        if (!models.isEmpty()) {
            notes.add("local models: " + String.join(", ", models.keySet()) + " (as " + LocalConfig.PROVIDER + "/<name>)");
            Map<String, Boolean> chat = new LinkedHashMap<>();
            models.keySet().forEach(name -> chat.put(name, false));
            known.addProvider(LocalConfig.PROVIDER, chat);
        }

        String lastResort = null;
        Field lastField = keys.get("last_resort");
        ConfigText lastText = lastField == null ? null : reader.text(lastField);
        if (lastText != null) {
            String name = lastText.value().trim();
            if (name.startsWith(LocalConfig.PROVIDER + "/")) {
                name = name.substring(LocalConfig.PROVIDER.length() + 1);
            }
            if (!models.containsKey(name)) {
                reader.problem(lastField, "no local model " + lastText.quoted() + (models.isEmpty()
                        ? " (none found in " + DEFAULT_MODELS_DIR + (dirText == null ? "" : " or " + dirText.quoted()) + ")"
                        : " (found: " + String.join(", ", models.keySet()) + ")"));
            } else {
                lastResort = name;
            }
        }
        return new LocalConfig(models, lastResort,
                positive(keys.get("tier_timeout"), d.tierTimeout()),
                count(keys.get("intra_op_threads"), d.intraOpThreads(), 0),
                count(keys.get("inter_op_threads"), d.interOpThreads(), 0),
                count(keys.get("max_concurrent"), d.maxConcurrent(), 1),
                count(keys.get("max_queued"), d.maxQueued(), 0),
                nonNegative(keys.get("max_wait"), d.maxWait()),
                positive(keys.get("timeout"), d.timeout()));
    }

    private int count(Field field, int fallback, int min) {
        Integer value = field == null ? null : reader.integer(field);
        if (value == null) {
            return fallback;
        }
        if (value < min) {
            reader.problem(field, "must be at least " + min + ", got " + value);
            return fallback;
        }
        return value;
    }

    private Duration positive(Field field, Duration fallback) {
        Duration value = field == null ? null : reader.duration(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isPositive()) {
            reader.problem(field, "must be longer than 0");
            return fallback;
        }
        return value;
    }

    private Duration nonNegative(Field field, Duration fallback) {
        Duration value = field == null ? null : reader.duration(field);
        return value == null ? fallback : value;
    }
}
