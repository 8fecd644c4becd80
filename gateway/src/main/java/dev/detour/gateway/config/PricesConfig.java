package dev.detour.gateway.config;

import java.time.Duration;

/**
 * Where prices come from besides the models' own: {@code source} is a file path or an http(s) URL serving a JSON
 * price list (null: the config's prices only), re-read every {@code refresh}.
 */
public record PricesConfig(String source, Duration refresh) {

    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);
    public static final PricesConfig DEFAULTS = new PricesConfig(null, DEFAULT_REFRESH);

    public PricesConfig {
        refresh = refresh == null ? DEFAULT_REFRESH : refresh;
    }

    public boolean isUrl() {
        return source != null && (source.startsWith("http://") || source.startsWith("https://"));
    }
}
