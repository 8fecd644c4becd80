package dev.detour.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.cache.embed.EmbeddingModelChoice;
import dev.detour.cache.embed.OnnxEmbedder;
import dev.detour.gateway.config.CacheConfig;
import dev.detour.gateway.support.TestDataDirs;
import dev.detour.sim.ProviderSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.detour.gateway.cache.CachedGateway.cacheHeader;
import static dev.detour.gateway.cache.CachedGateway.json;
import static dev.detour.gateway.cache.CacheThroughGatewayTest.ask;
import static org.assertj.core.api.Assertions.assertThat;

/** Cache configurations other than the defaults, and faults in the cache itself, through the real gateway. */
class CacheRulesThroughGatewayTest {

    private static ProviderSim sim;
    private static OnnxEmbedder model;

    @BeforeAll
    static void startSim() {
        sim = ProviderSim.start();
        model = OnnxEmbedder.load(EmbeddingModelChoice.ALL_MINILM_L6_V2_Q);
    }

    @AfterAll
    static void stopSim() {
        sim.close();
        model.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    @Test
    void theDefaultTrainedVerifierRefusesFalseHitsThatCosineAloneServes() {
        List<String> falseHits = List.of("Show me flights from Denver to Boston",
                "What is the square root of 145?", "Is it safe to eat raw chicken?");
        CacheConfig trained = CacheConfig.DEFAULTS.withLookupTimeout(Duration.ofSeconds(20));
        CacheConfig cosine = trained.withVerifier(CacheConfig.COSINE_VERIFIER);
        for (CacheConfig config : List.of(cosine, trained)) {
            try (CachedGateway gateway = CachedGateway.start(sim, TestDataDirs.fresh(), config, model)) {
                gateway.chat(ask("Show me flights from Boston to Denver"));
                gateway.chat(ask("What is the square root of 144?"));
                gateway.chat(ask("Is it safe to eat cooked chicken?"));
                List<String> served = falseHits.stream()
                        .filter(q -> !"miss".equals(cacheHeader(gateway.chat(ask(q))))).toList();
                if (config == cosine) {
                    assertThat(served).as("cosine alone at %s serves wrong answers", config.threshold()).isNotEmpty();
                } else {
                    assertThat(served).as("the trained verifier serves none of them").isEmpty();
                }
            }
        }
    }

    @Test
    void theDefaultTrainedVerifierStillServesANearIdenticalQuestion() {
        CacheConfig trained = CacheConfig.DEFAULTS.withLookupTimeout(Duration.ofSeconds(20));
        try (CachedGateway gateway = CachedGateway.start(sim, TestDataDirs.fresh(), trained, model)) {
            gateway.chat(ask("How do I lose weight?"));
            HttpResponse<String> again = gateway.chat(ask("How do i lose weight?"));
            assertThat(cacheHeader(again)).isEqualTo("semantic");
            assertThat(json(again).at("/choices/0/message/content").asText()).isEqualTo("Echo: How do I lose weight?");
        }
    }

    @Test
    void aStalledEmbedderFailsOpenToTheProviderAndIsCounted() {
        StalledEmbedder embedder = new StalledEmbedder(model);
        CacheConfig config = CacheConfig.DEFAULTS.withLookupTimeout(Duration.ofMillis(200));
        try (CachedGateway gateway = CachedGateway.start(sim, TestDataDirs.fresh(), config, embedder)) {
            gateway.chat(ask("What is the capital of France?"));
            embedder.stall();
            try {
                HttpResponse<String> paraphrase = gateway.chat(ask("What's the capital city of France?"));
                assertThat(paraphrase.statusCode()).isEqualTo(200);
                assertThat(cacheHeader(paraphrase)).isEqualTo("miss");
                assertThat(json(paraphrase).at("/choices/0/message/content").asText())
                        .isEqualTo("Echo: What's the capital city of France?");
                // The exact layer needs no embedding: it still answers while the embedder is stuck.
                assertThat(cacheHeader(gateway.chat(ask("What is the capital of France?")))).isEqualTo("exact");
            } finally {
                embedder.release();
            }
            JsonNode stats = json(gateway.send("GET", "/admin/cache", null));
            assertThat(stats.get("failedOpen").asLong()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void timeSensitiveQuestionsAreNotStoredWhenTheRuleSaysNoStore() {
        CacheConfig config = CacheConfig.DEFAULTS.withLookupTimeout(Duration.ofSeconds(20));
        config = new CacheConfig(true, config.tenant(), config.embeddingModel(), config.threshold(), config.ttl(),
                config.maxEntries(), config.maxTemperature(), config.lookupTimeout(), config.candidates(),
                new CacheConfig.TimeSensitiveRule("no_store", Duration.ofMinutes(5), CacheConfig.DEFAULT_PHRASES),
                config.verifier(), config.hotMemoryBytes());
        try (CachedGateway gateway = CachedGateway.start(sim, TestDataDirs.fresh(), config, model)) {
            gateway.chat(ask("What is the latest version of Java?"));
            assertThat(cacheHeader(gateway.chat(ask("What is the latest version of Java?")))).isEqualTo("miss");
            gateway.chat(ask("Who designed the Java language?"));
            assertThat(cacheHeader(gateway.chat(ask("Who designed the Java language?")))).isEqualTo("exact");
        }
    }

    @Test
    void withTheCacheOffNothingIsLookedUpOrStoredAndAdminSaysSo() {
        try (CachedGateway gateway = CachedGateway.start(sim, TestDataDirs.fresh(), CacheConfig.DISABLED, model)) {
            gateway.chat(ask("What is the capital of France?"));
            HttpResponse<String> again = gateway.chat(ask("What is the capital of France?"));
            assertThat(cacheHeader(again)).isNull();
            assertThat(sim.attemptCount("gpt-a")).isEqualTo(2);
            assertThat(gateway.send("GET", "/admin/cache", null).statusCode()).isEqualTo(409);
            assertThat(gateway.chat(ask("What is the capital of France?"), "x-detour-cache", "only").statusCode())
                    .isEqualTo(504);
            assertThat(sim.attemptCount("gpt-a")).isEqualTo(2);
        }
    }
}
