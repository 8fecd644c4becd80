package dev.detour.gateway.config;

import java.time.Duration;
import java.util.List;

/** Reads the {@code prices:} section: {@code source} (a file path or an http(s) URL) and {@code refresh}. */
final class PricesConfigReader {

    static final List<String> KEYS = List.of("source", "refresh");

    private final FieldReader reader;

    PricesConfigReader(FieldReader reader) {
        this.reader = reader;
    }

    PricesConfig read(Field field) {
        var keys = field == null ? null : reader.mapping(field, KEYS);
        if (keys == null) {
            return PricesConfig.DEFAULTS;
        }
        String source = null;
        Field sourceField = keys.get("source");
        ConfigText text = sourceField == null ? null : reader.text(sourceField);
        if (text != null) {
            String value = text.value().trim();
            if (value.isEmpty()) {
                reader.problem(sourceField, "expected a file path or an http(s) URL serving a JSON price list, got an empty string");
            } else if (value.contains("://") && !value.startsWith("http://") && !value.startsWith("https://")) {
                reader.problem(sourceField, "a price source URL must be http or https, got " + text.quoted());
            } else if (value.startsWith("http") && value.contains("://")) {
                source = reader.httpUrl(sourceField);
            } else {
                source = value;
            }
        }
        Duration refresh = PricesConfig.DEFAULT_REFRESH;
        Field refreshField = keys.get("refresh");
        Duration configured = refreshField == null ? null : reader.duration(refreshField);
        if (configured != null && configured.compareTo(Duration.ofSeconds(1)) < 0) {
            reader.problem(refreshField, "must be at least 1s");
        } else if (configured != null) {
            refresh = configured;
        }
        return new PricesConfig(source, refresh);
    }
}
