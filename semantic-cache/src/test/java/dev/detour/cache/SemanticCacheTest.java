package dev.detour.cache;

import dev.detour.cache.admin.Invalidation;
import dev.detour.cache.admin.PurgeFilter;
import dev.detour.cache.embed.EmbeddingModelChoice;
import dev.detour.cache.embed.OnnxEmbedder;
import dev.detour.cache.lookup.LookupOptions;
import dev.detour.cache.lookup.LookupResult;
import dev.detour.cache.lookup.SimilarityThreshold;
import dev.detour.cache.policy.AnswerFacts;
import dev.detour.cache.request.CacheRequest;
import dev.detour.cache.support.StalledEmbedder;
import dev.detour.cache.support.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.detour.cache.support.Requests.answer;
import static dev.detour.cache.support.Requests.ask;
import static dev.detour.cache.support.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

class SemanticCacheTest {

    private static OnnxEmbedder model;

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T00:00:00Z"));
    private SemanticCache cache;

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbedder.load(EmbeddingModelChoice.ALL_MINILM_L6_V2_Q);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @BeforeEach
    void open() {
        cache = open(settings(dir).withTtl(Duration.ofHours(1)), new StalledEmbedder(model));
    }

    @AfterEach
    void close() {
        cache.close();
    }

    /** A generous deadline: only the fail-open tests may see the semantic step give up. */
    private static CacheSettings settings(Path dir) {
        return CacheSettings.defaults(dir).withSemanticTimeout(Duration.ofSeconds(20));
    }

    private SemanticCache open(CacheSettings settings, StalledEmbedder embedder) {
        return SemanticCache.open(settings, embedder, new SimilarityThreshold(settings.threshold()), clock);
    }

    private LookupResult lookup(CacheRequest request) {
        return cache.lookup(request, LookupOptions.DEFAULT);
    }

    @Test
    void anIdenticalRequestIsAnExactHit() {
        cache.store(ask("What is the capital of France?"), answer("Paris."), StoreOptions.DEFAULT);
        LookupResult result = lookup(ask("What is the capital of France?"));
        assertThat(result).isInstanceOfSatisfying(LookupResult.Hit.class, hit -> {
            assertThat(hit.kind()).isEqualTo(LookupResult.Kind.EXACT);
            assertThat(text(hit.entry().answer())).isEqualTo("Paris.");
            assertThat(hit.entry().hitCount()).isEqualTo(1);
        });
        assertThat(cache.stats().exactHits()).isEqualTo(1);
    }

    @Test
    void aParaphraseIsASemanticHitWithItsSimilarity() {
        cache.store(ask("What is the capital of France?"), answer("Paris."), StoreOptions.DEFAULT);
        LookupResult result = lookup(ask("What's the capital city of France?"));
        assertThat(result).isInstanceOfSatisfying(LookupResult.Hit.class, hit -> {
            assertThat(hit.kind()).isEqualTo(LookupResult.Kind.SEMANTIC);
            assertThat(hit.similarity()).isBetween(0.92, 1.0);
            assertThat(text(hit.entry().answer())).isEqualTo("Paris.");
        });
    }

    @Test
    void anUnrelatedQuestionIsAMissThatCarriesItsVector() {
        cache.store(ask("What is the capital of France?"), answer("Paris."), StoreOptions.DEFAULT);
        LookupResult result = lookup(ask("How do I bake sourdough bread?"));
        assertThat(result).isInstanceOfSatisfying(LookupResult.Miss.class, miss -> {
            assertThat(miss.queryVector()).hasSize(384);
            assertThat(miss.failedOpen()).isFalse();
        });
    }

    @Test
    void aStricterPerRequestThresholdTurnsAHitIntoAMiss() {
        cache.store(ask("What is the capital of France?"), answer("Paris."), StoreOptions.DEFAULT);
        LookupResult loose = lookup(ask("What's the capital city of France?"));
        double similarity = ((LookupResult.Hit) loose).similarity();
        LookupResult strict = cache.lookup(ask("What's the capital city of France?"),
                new LookupOptions(Math.min(1.0, similarity + 0.001), false));
        assertThat(strict).isInstanceOf(LookupResult.Miss.class);
    }

    @Test
    void partitionsAndTenantsNeverShareEntries() {
        cache.store(ask("acme", "chat", "You are helpful.", "What is the capital of France?"), answer("Paris."),
                StoreOptions.DEFAULT);
        assertThat(lookup(ask("other", "chat", "You are helpful.", "What is the capital of France?")))
                .isInstanceOf(LookupResult.Miss.class);
        assertThat(lookup(ask("acme", "fast", "You are helpful.", "What is the capital of France?")))
                .isInstanceOf(LookupResult.Miss.class);
        assertThat(lookup(ask("acme", "chat", "Answer in French.", "What is the capital of France?")))
                .isInstanceOf(LookupResult.Miss.class);
        assertThat(lookup(ask("acme", "chat", "You are helpful.", "What is the capital of France?")))
                .isInstanceOf(LookupResult.Hit.class);
    }

    @Test
    void aToolCallAnswerMatchesExactlyOnly() {
        AnswerToStore toolCall = new AnswerToStore("{\"tool_calls\":[]}".getBytes(StandardCharsets.UTF_8), "openai",
                "gpt-4o-mini", new AnswerFacts(200, "tool_calls", true, true, AnswerFacts.Origin.REQUESTED_ROUTE));
        StoreOutcome stored = cache.store(ask("What is the weather in Oslo?"), toolCall, StoreOptions.DEFAULT);
        assertThat(stored.stored()).isTrue();
        assertThat(stored.semantic()).isFalse();
        assertThat(lookup(ask("What is the weather in Oslo?"))).isInstanceOf(LookupResult.Hit.class);
        assertThat(lookup(ask("Tell me the weather in Oslo"))).isInstanceOf(LookupResult.Miss.class);
    }

    @Test
    void answersTheRulesRefuseAreNotStored() {
        AnswerToStore truncated = new AnswerToStore(new byte[0], "openai", "gpt-4o-mini",
                new AnswerFacts(200, "length", true, false, AnswerFacts.Origin.REQUESTED_ROUTE));
        assertThat(cache.store(ask("Write an essay"), truncated, StoreOptions.DEFAULT).stored()).isFalse();
        assertThat(lookup(ask("Write an essay"))).isInstanceOf(LookupResult.Miss.class);
        assertThat(cache.stats().skippedStores()).isEqualTo(1);
    }

    @Test
    void anEntryExpiresAfterItsTtlAndAPerRequestTtlWins() {
        cache.store(ask("What is the capital of France?"), answer("Paris."), StoreOptions.DEFAULT);
        cache.store(ask("What is the capital of Spain?"), answer("Madrid."),
                new StoreOptions(Duration.ofHours(3), null));
        clock.advance(Duration.ofHours(2));
        assertThat(lookup(ask("What is the capital of France?"))).isInstanceOf(LookupResult.Miss.class);
        assertThat(lookup(ask("What is the capital of Spain?"))).isInstanceOf(LookupResult.Hit.class);
        assertThat(cache.stats().expirations()).isEqualTo(1);
        assertThat(cache.stats().entries()).isEqualTo(1);
    }

    @Test
    void housekeepingRemovesExpiredEntriesNobodyAsksFor() {
        cache.store(ask("What is the capital of France?"), answer("Paris."), StoreOptions.DEFAULT);
        clock.advance(Duration.ofHours(2));
        cache.housekeeping();
        assertThat(cache.stats().entries()).isZero();
    }

    @Test
    void theLeastRecentlyHitEntriesAreEvictedBeyondTheLimit() {
        cache.close();
        cache = open(settings(dir.resolve("small")).withMaxEntries(3), new StalledEmbedder(model));
        cache.store(ask("What is the capital of France?"), answer("Paris."), StoreOptions.DEFAULT);
        clock.advance(Duration.ofSeconds(1));
        cache.store(ask("What is the capital of Spain?"), answer("Madrid."), StoreOptions.DEFAULT);
        clock.advance(Duration.ofSeconds(1));
        cache.store(ask("What is the capital of Italy?"), answer("Rome."), StoreOptions.DEFAULT);
        clock.advance(Duration.ofSeconds(1));
        assertThat(lookup(ask("What is the capital of France?"))).isInstanceOf(LookupResult.Hit.class);
        clock.advance(Duration.ofSeconds(1));
        cache.store(ask("What is the capital of Peru?"), answer("Lima."), StoreOptions.DEFAULT);

        // Over the limit, the cache drops to 95% of it (2 of 3): the two least recently hit go.
        assertThat(cache.stats().evictions()).isEqualTo(2);
        assertThat(lookup(ask("What is the capital of Spain?"))).isInstanceOf(LookupResult.Miss.class);
        assertThat(lookup(ask("What is the capital of Italy?"))).isInstanceOf(LookupResult.Miss.class);
        assertThat(lookup(ask("What is the capital of France?"))).isInstanceOf(LookupResult.Hit.class);
        assertThat(lookup(ask("What is the capital of Peru?"))).isInstanceOf(LookupResult.Hit.class);
    }

    @Test
    void invalidationRemovesWhatAProviderModelOrRouteMade() {
        cache.store(ask("acme", "chat", "s", "What is the capital of France?"), answer("Paris.", "openai", "gpt-4o"),
                StoreOptions.DEFAULT);
        cache.store(ask("acme", "chat", "s", "What is the capital of Spain?"),
                answer("Madrid.", "anthropic", "claude"), StoreOptions.DEFAULT);
        cache.store(ask("acme", "fast", "s", "What is the capital of Italy?"), answer("Rome.", "openai", "gpt-4o-mini"),
                StoreOptions.DEFAULT);

        assertThat(cache.invalidate(new Invalidation(null, "openai", "gpt-4o"))).isEqualTo(1);
        assertThat(lookup(ask("acme", "chat", "s", "What is the capital of France?"))).isInstanceOf(LookupResult.Miss.class);
        assertThat(cache.invalidate(new Invalidation("fast", null, null))).isEqualTo(1);
        assertThat(cache.invalidate(new Invalidation(null, "anthropic", null))).isEqualTo(1);
        assertThat(cache.stats().entries()).isZero();
    }

    @Test
    void anAnswerInFlightDuringAPurgeOrInvalidationIsNotStoredAfterIt() {
        // The gateway takes the mark before its lookup and stores after the answer went out; a purge in between
        // (an admin dropping an old model version's answers) must not be undone by the answer that was in flight.
        long beforePurge = cache.removalMark();
        cache.purge(PurgeFilter.EVERYTHING);
        StoreOutcome afterPurge = cache.store(ask("What is the capital of France?"), answer("Paris."),
                new StoreOptions(null, null, beforePurge));
        assertThat(afterPurge.stored()).isFalse();
        assertThat(afterPurge.reason()).contains("purged or invalidated while in flight");

        long beforeInvalidation = cache.removalMark();
        cache.invalidate(new Invalidation(null, "someone-else", null));
        assertThat(cache.store(ask("What is the capital of France?"), answer("Paris."),
                new StoreOptions(null, null, beforeInvalidation)).stored()).isFalse();

        // A mark taken after the last removal stores as usual.
        assertThat(cache.store(ask("What is the capital of France?"), answer("Paris."),
                new StoreOptions(null, null, cache.removalMark())).stored()).isTrue();
        assertThat(lookup(ask("What is the capital of France?"))).isInstanceOf(LookupResult.Hit.class);
    }

    @Test
    void underConcurrentStoresNothingLookedUpBeforeAPurgeOutlivesIt() throws Exception {
        record Stored(String id, long mark) {
        }
        float[] vector = new float[model.dimension()];
        vector[0] = 1;
        java.util.Queue<Stored> stored = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<Thread> writers = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int writer = t;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 300 && !stop.get(); i++) {
                    long mark = cache.removalMark();
                    StoreOutcome outcome = cache.store(ask("question " + writer + "-" + i), answer("An answer."),
                            new StoreOptions(null, vector, mark));
                    if (outcome.stored()) {
                        stored.add(new Stored(outcome.id(), mark));
                    }
                }
            }));
        }
        try {
            for (int round = 0; round < 30; round++) {
                Thread.sleep(5);
                cache.purge(PurgeFilter.EVERYTHING);
                long now = cache.removalMark();
                for (Stored s : stored) {
                    if (s.mark() < now) {
                        assertThat(cache.entry(s.id())).as("stored with mark %d, purged at %d", s.mark(), now)
                                .isEmpty();
                    }
                }
            }
        } finally {
            stop.set(true);
            for (Thread w : writers) {
                w.join();
            }
        }
        assertThat(stored).isNotEmpty();
    }

    @Test
    void purgeRemovesByTenantRouteAgeAndId() {
        StoreOutcome first = cache.store(ask("a", "chat", "s", "What is the capital of France?"), answer("Paris."),
                StoreOptions.DEFAULT);
        clock.advance(Duration.ofMinutes(10));
        cache.store(ask("b", "chat", "s", "What is the capital of Spain?"), answer("Madrid."), StoreOptions.DEFAULT);
        cache.store(ask("b", "fast", "s", "What is the capital of Italy?"), answer("Rome."), StoreOptions.DEFAULT);
        cache.store(ask("c", "chat", "s", "What is the capital of Peru?"), answer("Lima."), StoreOptions.DEFAULT);

        assertThat(cache.purge(new PurgeFilter(null, null, clock.instant().minusSeconds(60), null))).isEqualTo(1);
        assertThat(cache.entry(first.id())).isEmpty();
        assertThat(cache.purge(new PurgeFilter("b", "fast", null, null))).isEqualTo(1);
        assertThat(cache.purge(new PurgeFilter("b", null, null, null))).isEqualTo(1);
        StoreOutcome last = cache.store(ask("c", "chat", "s", "Hi"), answer("Hello."), StoreOptions.DEFAULT);
        assertThat(cache.purge(new PurgeFilter(null, null, null, last.id()))).isEqualTo(1);
        assertThat(cache.stats().entries()).isEqualTo(1);
        assertThat(cache.purge(PurgeFilter.EVERYTHING)).isEqualTo(1);
    }

    @Test
    void aStalledEmbedderMakesTheLookupFailOpenAndCountsIt() {
        StalledEmbedder embedder = new StalledEmbedder(model);
        cache.close();
        cache = open(CacheSettings.defaults(dir.resolve("stalled")).withSemanticTimeout(Duration.ofMillis(100)),
                embedder);
        cache.store(ask("What is the capital of France?"), answer("Paris."), StoreOptions.DEFAULT);
        embedder.stall();
        try {
            assertThat(lookup(ask("What's the capital city of France?")))
                    .isInstanceOfSatisfying(LookupResult.Miss.class, m -> assertThat(m.failedOpen()).isTrue());
            // The exact layer needs no embedding, so it still answers.
            assertThat(lookup(ask("What is the capital of France?"))).isInstanceOf(LookupResult.Hit.class);
        } finally {
            embedder.release();
        }
        assertThat(cache.stats().failedOpen()).isEqualTo(1);
    }

    @Test
    void aBrokenEmbedderMakesTheLookupFailOpenAndStoresExactOnly() {
        StalledEmbedder embedder = new StalledEmbedder(model);
        cache.close();
        cache = open(settings(dir.resolve("broken")), embedder);
        embedder.breakDown();
        assertThat(lookup(ask("What's the capital city of France?")))
                .isInstanceOfSatisfying(LookupResult.Miss.class, m -> assertThat(m.failedOpen()).isTrue());
        StoreOutcome stored = cache.store(ask("What is the capital of France?"), answer("Paris."), StoreOptions.DEFAULT);
        assertThat(stored.stored()).isTrue();
        assertThat(stored.semantic()).isFalse();
        assertThat(lookup(ask("What is the capital of France?"))).isInstanceOf(LookupResult.Hit.class);
        assertThat(cache.stats().failedOpen()).isEqualTo(2);
    }

    @Test
    void storingTheSameRequestAgainReplacesTheEntry() {
        cache.store(ask("What is the capital of France?"), answer("Paris."), StoreOptions.DEFAULT);
        cache.store(ask("What is the capital of France?"), answer("Paris, of course."), StoreOptions.DEFAULT);
        assertThat(cache.stats().entries()).isEqualTo(1);
        assertThat(lookup(ask("What's the capital city of France?"))).isInstanceOfSatisfying(LookupResult.Hit.class,
                hit -> assertThat(text(hit.entry().answer())).isEqualTo("Paris, of course."));
    }
}
