package dev.detour.gateway.config;

import java.time.Duration;
import java.util.List;

/** Reads the {@code idempotency:} section: {@code window} and {@code max_entries}. */
final class IdempotencyConfigReader {

    static final List<String> KEYS = List.of("window", "max_entries");

    private final FieldReader reader;

    IdempotencyConfigReader(FieldReader reader) {
        this.reader = reader;
    }

    IdempotencyConfig read(Field field) {
        IdempotencyConfig defaults = IdempotencyConfig.DEFAULTS;
        var keys = field == null ? null : reader.mapping(field, KEYS);
        if (keys == null) {
            return defaults;
        }
        Duration window = defaults.window();
        Field windowField = keys.get("window");
        Duration configured = windowField == null ? null : reader.duration(windowField);
        if (configured != null && configured.compareTo(Duration.ofSeconds(1)) < 0) {
            reader.problem(windowField, "must be at least 1s");
        } else if (configured != null) {
            window = configured;
        }
        int maxEntries = defaults.maxEntries();
        Field entriesField = keys.get("max_entries");
        Integer entries = entriesField == null ? null : reader.integer(entriesField);
        if (entries != null && entries <= 0) {
            reader.problem(entriesField, "must be more than 0, got " + entries);
        } else if (entries != null) {
            maxEntries = entries;
        }
        return new IdempotencyConfig(window, maxEntries);
    }
}
