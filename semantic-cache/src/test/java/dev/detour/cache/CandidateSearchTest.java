package dev.detour.cache;

import dev.detour.cache.embed.Embedder;
import dev.detour.cache.embed.Vectors;
import dev.detour.cache.lookup.LookupOptions;
import dev.detour.cache.lookup.LookupResult;
import dev.detour.cache.support.TestClock;
import dev.detour.cache.verify.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.detour.cache.support.Requests.answer;
import static dev.detour.cache.support.Requests.ask;
import static dev.detour.cache.support.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The semantic search asks for a few candidates first; every candidate above the floor must still be judged. */
class CandidateSearchTest {

    @TempDir
    Path dir;

    /** "stored N" lies a little further from "the question" the larger N is; all of them far above the floor. */
    private static final class Fan implements Embedder {
        @Override
        public float[] embed(String text) {
            float off = text.startsWith("stored ") ? 0.01f + 0.004f * Integer.parseInt(text.substring(7)) : 0f;
            return Vectors.normalised(new float[]{1f, off, 0f, 0f, 0f, 0f, 0f, 0f});
        }

        @Override
        public int dimension() {
            return 8;
        }

        @Override
        public String modelName() {
            return "fan";
        }
    }

    @Test
    void theOnlyAcceptableCandidateIsFoundBeyondTheFirstFew() {
        CacheSettings settings = CacheSettings.defaults(dir).withSemanticTimeout(Duration.ofSeconds(20));
        // Only the farthest of 40 near-identical entries is acceptable: the first search's few are all above the
        // floor and all refused, so the full number of candidates must be searched.
        try (SemanticCache cache = SemanticCache.open(settings, new Fan(),
                (cached, query, cachedVector, queryVector, cosine) -> "stored 39".equals(cached)
                        ? Verdict.accept(1, "the one") : new Verdict(false, 0, "not this one"),
                new TestClock(Instant.parse("2026-12-01T00:00:00Z")))) {
            for (int i = 0; i < 40; i++) {
                cache.store(ask("stored " + i), answer("answer " + i), StoreOptions.DEFAULT);
            }

            LookupResult result = cache.lookup(ask("the question"), LookupOptions.DEFAULT);

            assertThat(result).isInstanceOfSatisfying(LookupResult.Hit.class, hit -> {
                assertThat(hit.kind()).isEqualTo(LookupResult.Kind.SEMANTIC);
                assertThat(text(hit.entry().answer())).isEqualTo("answer 39");
            });
        }
    }

    @Test
    void aHitAmongTheFirstFewNeedsNoSecondSearch() {
        CacheSettings settings = CacheSettings.defaults(dir).withSemanticTimeout(Duration.ofSeconds(20));
        try (SemanticCache cache = SemanticCache.open(settings, new Fan(),
                (cached, query, cachedVector, queryVector, cosine) -> Verdict.accept(1, "close"),
                new TestClock(Instant.parse("2026-12-01T00:00:00Z")))) {
            for (int i = 0; i < 40; i++) {
                cache.store(ask("stored " + i), answer("answer " + i), StoreOptions.DEFAULT);
            }

            LookupResult result = cache.lookup(ask("the question"), LookupOptions.DEFAULT);

            assertThat(result).isInstanceOfSatisfying(LookupResult.Hit.class,
                    hit -> assertThat(text(hit.entry().answer())).isEqualTo("answer 0"));
        }
    }
}
