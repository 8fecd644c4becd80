package dev.detour.cache;

import dev.detour.cache.embed.EmbeddingModelChoice;
import dev.detour.cache.embed.OnnxEmbedder;
import dev.detour.cache.index.IndexRecovery;
import dev.detour.cache.lookup.LookupOptions;
import dev.detour.cache.lookup.LookupResult;
import dev.detour.cache.lookup.SimilarityThreshold;
import dev.detour.cache.support.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static dev.detour.cache.support.Requests.answer;
import static dev.detour.cache.support.Requests.ask;
import static dev.detour.cache.support.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

class CacheRestartTest {

    private static OnnxEmbedder model;

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T00:00:00Z"));

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbedder.load(EmbeddingModelChoice.ALL_MINILM_L6_V2_Q);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    private SemanticCache open() {
        CacheSettings settings = CacheSettings.defaults(dir).withSemanticTimeout(Duration.ofSeconds(20));
        return SemanticCache.open(settings, model, new SimilarityThreshold(settings.threshold()), clock);
    }

    private void fill() {
        try (SemanticCache cache = open()) {
            assertThat(cache.indexOutcome()).isEqualTo(IndexRecovery.Outcome.CREATED);
            cache.store(ask("What is the capital of France?"), answer("Paris."), StoreOptions.DEFAULT);
            cache.store(ask("How do I reverse a list in Python?"), answer("reversed(xs)"), StoreOptions.DEFAULT);
        }
    }

    private static void assertBothStillAnswer(SemanticCache cache) {
        assertThat(cache.stats().entries()).isEqualTo(2);
        assertThat(cache.lookup(ask("What's the capital city of France?"), LookupOptions.DEFAULT))
                .isInstanceOfSatisfying(LookupResult.Hit.class, hit -> {
                    assertThat(hit.kind()).isEqualTo(LookupResult.Kind.SEMANTIC);
                    assertThat(text(hit.entry().answer())).isEqualTo("Paris.");
                });
        assertThat(cache.lookup(ask("How can I reverse a Python list?"), LookupOptions.DEFAULT))
                .isInstanceOf(LookupResult.Hit.class);
        assertThat(cache.lookup(ask("What is the capital of France?"), LookupOptions.DEFAULT))
                .isInstanceOfSatisfying(LookupResult.Hit.class,
                        hit -> assertThat(hit.kind()).isEqualTo(LookupResult.Kind.EXACT));
    }

    private Path indexDir() {
        return dir.resolve(model.modelName()).resolve("index");
    }

    @Test
    void entriesSurviveARestartAndTheIndexIsReopenedAsItWas() {
        fill();
        try (SemanticCache cache = open()) {
            assertThat(cache.indexOutcome()).isEqualTo(IndexRecovery.Outcome.OPENED);
            assertBothStillAnswer(cache);
        }
    }

    @Test
    void hitStatisticsSurviveARestart() {
        fill();
        String id;
        try (SemanticCache cache = open()) {
            id = ((LookupResult.Hit) cache.lookup(ask("What is the capital of France?"), LookupOptions.DEFAULT))
                    .entry().id();
        }
        try (SemanticCache cache = open()) {
            assertThat(cache.entry(id)).hasValueSatisfying(e -> assertThat(e.hitCount()).isEqualTo(1));
        }
    }

    @Test
    void aDeletedIndexIsRebuiltFromTheStore() throws IOException {
        fill();
        deleteTree(indexDir());
        try (SemanticCache cache = open()) {
            assertThat(cache.indexOutcome()).isEqualTo(IndexRecovery.Outcome.REBUILT);
            assertBothStillAnswer(cache);
        }
    }

    @Test
    void aDamagedIndexIsRebuiltFromTheStore() throws IOException {
        fill();
        try (Stream<Path> files = Files.list(indexDir())) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                // Keep the length, scramble the content: headers and checksums no longer match.
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (bytes[i] ^ 0x5A);
                }
                Files.write(file, bytes);
            }
        }
        try (SemanticCache cache = open()) {
            assertThat(cache.indexOutcome()).isEqualTo(IndexRecovery.Outcome.REBUILT);
            assertBothStillAnswer(cache);
        }
    }

    @Test
    void anIndexBehindTheStoreIsRebuilt() throws IOException {
        fill();
        Path saved = dir.resolve("saved-index");
        copyTree(indexDir(), saved);
        try (SemanticCache cache = open()) {
            cache.store(ask("Who wrote Hamlet?"), answer("Shakespeare."), StoreOptions.DEFAULT);
        }
        // As after a crash between the store's commit and the index's: the index misses the last entry.
        deleteTree(indexDir());
        copyTree(saved, indexDir());
        try (SemanticCache cache = open()) {
            assertThat(cache.indexOutcome()).isEqualTo(IndexRecovery.Outcome.REBUILT);
            assertThat(cache.lookup(ask("Who was the author of Hamlet?"), LookupOptions.DEFAULT))
                    .isInstanceOf(LookupResult.Hit.class);
        }
    }

    @Test
    void aStoreFileThatFailsToOpenIsMovedAsideAndTheCacheStartsEmpty() throws IOException {
        fill();
        Path storeFile = dir.resolve(model.modelName()).resolve("entries.mapdb");
        Files.write(storeFile, new byte[4096]);
        try (SemanticCache cache = open()) {
            assertThat(cache.stats().entries()).isZero();
            assertThat(cache.lookup(ask("What is the capital of France?"), LookupOptions.DEFAULT))
                    .isInstanceOf(LookupResult.Miss.class);
            cache.store(ask("Who wrote Hamlet?"), answer("Shakespeare."), StoreOptions.DEFAULT);
            assertThat(cache.lookup(ask("Who wrote Hamlet?"), LookupOptions.DEFAULT)).isInstanceOf(LookupResult.Hit.class);
        }
        try (Stream<Path> files = Files.list(storeFile.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .anyMatch(name -> name.startsWith("entries.mapdb.broken-"));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
