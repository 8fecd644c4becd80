package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/** Parses human durations used in scenarios and fault JSON: "500ms", "10s", "2m", "1h", or a number of seconds. */
final class Durations {

    private Durations() {
    }

    static Duration parse(JsonNode node) {
        if (node.isNumber()) {
            return Duration.ofMillis(Math.round(node.asDouble() * 1000));
        }
        return parse(node.asText());
    }

    static Duration parse(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            double scale;
            char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
            switch (unit) {
                case 's' -> scale = 1_000;
                case 'm' -> scale = 60_000;
                case 'h' -> scale = 3_600_000;
                default -> {
                    return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
                }
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * scale));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\" (use 500ms, 10s, 2m or seconds)");
        }
    }
}
