package dev.detour.gateway.providers.failure;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads how long a provider asked us to wait: {@code retry-after-ms}, then {@code retry-after} (seconds or HTTP date). */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The delay the headers ask for, or null when they ask for none (or say nonsense). */
    public static Duration from(HttpHeaders headers, Instant now) {
        if (headers == null) {
            return null;
        }
        Duration millis = headers.firstValue("retry-after-ms").map(RetryAfter::millis).orElse(null);
        if (millis != null) {
            return millis;
        }
        return headers.firstValue("retry-after").map(value -> parse(value, now)).orElse(null);
    }

    /** {@code Retry-After} as delta-seconds (fractions tolerated) or an HTTP date. */
    public static Duration parse(String value, Instant now) {
        String text = value.trim();
        try {
            double seconds = Double.parseDouble(text);
            return seconds < 0 ? null : Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** A protobuf-style duration as Gemini writes it in RetryInfo: {@code "2s"}, {@code "1.5s"}, {@code "30.0s"}. */
    public static Duration protoDuration(String value) {
        if (value == null || !value.endsWith("s")) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.substring(0, value.length() - 1));
            return seconds < 0 ? null : Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration millis(String value) {
        try {
            double ms = Double.parseDouble(value.trim());
            return ms < 0 ? null : Duration.ofMillis(Math.round(ms));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
