package dev.detour.gateway.providers.failure;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-03T10:00:00Z");

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    @Test
    void readsSecondsAnHttpDateAndMilliseconds() {
        assertThat(RetryAfter.from(headers(Map.of("Retry-After", List.of("7"))), NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.from(headers(Map.of("retry-after", List.of("Tue, 03 Nov 2026 10:00:30 GMT"))), NOW))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.from(headers(Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("1"))), NOW))
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void ignoresNonsenseAndPastDates() {
        assertThat(RetryAfter.from(headers(Map.of("retry-after", List.of("soon"))), NOW)).isNull();
        assertThat(RetryAfter.from(headers(Map.of()), NOW)).isNull();
        assertThat(RetryAfter.parse("Tue, 03 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsGoogleProtoDurations() {
        assertThat(RetryAfter.protoDuration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryAfter.protoDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryAfter.protoDuration("2m")).isNull();
    }
}
