package dev.detour.gateway.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void withNoCacheSectionTheCacheRunsOnItsDefaults() {
        assertThat(loader.parse("server: {port: 8080}\n", "detour.yaml").config().cache())
                .isEqualTo(CacheConfig.DEFAULTS);
    }

    @Test
    void enabledFalseTurnsTheCacheOff() {
        assertThat(loader.parse("cache: {enabled: false}\n", "detour.yaml").config().cache().enabled()).isFalse();
    }

    @Test
    void theTrainedVerifierIsTheDefaultAndCosineAloneCanBeChosen() {
        assertThat(CacheConfig.DEFAULTS.verifier()).isEqualTo(CacheConfig.TRAINED_VERIFIER);
        assertThat(loader.parse("cache: {verifier: cosine}\n", "detour.yaml").config().cache().verifier())
                .isEqualTo(CacheConfig.COSINE_VERIFIER);
    }

    @Test
    void aCacheSectionTurnsItOnWithDefaultsForWhatItLeavesOut() {
        CacheConfig cache = loader.parse("cache:\n  threshold: 0.95\n", "detour.yaml").config().cache();
        assertThat(cache.enabled()).isTrue();
        assertThat(cache.threshold()).isEqualTo(0.95);
        assertThat(cache.ttl()).isEqualTo(CacheConfig.DEFAULTS.ttl());
        assertThat(cache.tenant()).isEqualTo("default");
    }

    @Test
    void everyKeyIsRead() {
        String yaml = """
                cache:
                  enabled: true
                  tenant: acme
                  embedding_model: bge-small-en-v1.5-q
                  threshold: 0.9
                  ttl: 2h
                  max_entries: 5000
                  max_temperature: 0.2
                  lookup_timeout: 30ms
                  candidates: 20
                  hot_memory: 96MiB
                  time_sensitive:
                    action: no_store
                    ttl: 1m
                    phrases: [today, stock price]
                """;
        CacheConfig cache = loader.parse(yaml, "detour.yaml").config().cache();
        assertThat(cache).isEqualTo(new CacheConfig(true, "acme", "bge-small-en-v1.5-q", 0.9, Duration.ofHours(2),
                5000, 0.2, Duration.ofMillis(30), 20,
                new CacheConfig.TimeSensitiveRule("no_store", Duration.ofMinutes(1), List.of("today", "stock price")),
                CacheConfig.TRAINED_VERIFIER, 96L << 20));
        assertThat(cache.hotEntryBytes()).isEqualTo(64L << 20);
        assertThat(cache.readyAnswerBytes()).isEqualTo(32L << 20);
    }

    @Test
    void badValuesAreReportedWithTheirLineAndField() {
        String yaml = """
                cache:
                  embedding_model: ada-002
                  threshold: 1.5
                  max_entries: 0
                  time_sensitive:
                    action: sometimes
                  thresold: 0.9
                  hot_memory: lots
                """;
        assertThatThrownBy(() -> loader.parse(yaml, "detour.yaml")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("detour.yaml:2:20: cache.embedding_model: expected one of all-minilm-l6-v2-q, "
                        + "bge-small-en-v1.5-q, got 'ada-002'")
                .hasMessageContaining("cache.threshold: a cosine similarity threshold is more than 0 and at most 1")
                .hasMessageContaining("cache.max_entries: must be at least 1")
                .hasMessageContaining("cache.time_sensitive.action: expected one of short_ttl, no_store, ignore")
                .hasMessageContaining("unknown key 'thresold', did you mean 'threshold'?")
                .hasMessageContaining("cache.hot_memory: expected a size such as 4MiB");
    }
}
