package dev.detour.cache.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class EntryStoreTest {

    @TempDir
    Path dir;
    private EntryStore store;

    @BeforeEach
    void open() {
        store = EntryStore.open(dir.resolve("entries.mapdb"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static CacheEntry entry(String id, String exactKey, String answer) {
        return new CacheEntry(id, exactKey, "p1", "t", "chat", "What is the capital of France?",
                answer.getBytes(StandardCharsets.UTF_8), "openai", "gpt-4o-mini", 1_000, 1_000, 0, 0,
                new float[]{0.6f, 0.8f});
    }

    @Test
    void aReadEntryIsKeptInMemoryAndEqualsTheStoredOne() {
        store.put(entry("ce_1", "k1", "Paris."));
        assertThat(store.hotSize()).isZero();

        CacheEntry first = store.get("ce_1").orElseThrow();
        CacheEntry second = store.get("ce_1").orElseThrow();

        assertThat(store.hotSize()).isEqualTo(1);
        assertThat(second).isSameAs(first);
        assertThat(new String(first.answer(), StandardCharsets.UTF_8)).isEqualTo("Paris.");
        assertThat(first.vector()).containsExactly(0.6f, 0.8f);
        assertThat(store.idForExactKey("k1")).contains("ce_1");
    }

    @Test
    void withNoRoomForHotEntriesEveryReadGoesToTheStore() {
        store.close();
        store = EntryStore.open(dir.resolve("cold.mapdb"), 0);
        store.put(entry("ce_1", "k1", "Paris."));

        CacheEntry first = store.get("ce_1").orElseThrow();
        CacheEntry second = store.get("ce_1").orElseThrow();

        assertThat(store.hotSize()).isZero();
        assertThat(second).isNotSameAs(first);
        assertThat(new String(second.answer(), StandardCharsets.UTF_8)).isEqualTo("Paris.");
        assertThat(store.idForExactKey("k1")).contains("ce_1");
    }

    @Test
    void aRemovedEntryIsNeverServedFromMemory() {
        store.put(entry("ce_1", "k1", "Paris."));
        assertThat(store.get("ce_1")).isPresent();
        assertThat(store.idForExactKey("k1")).contains("ce_1");

        store.removeAll(List.of("ce_1"));

        assertThat(store.get("ce_1")).isEmpty();
        assertThat(store.idForExactKey("k1")).isEmpty();
    }

    @Test
    void aReplacedAnswerLeadsTheExactKeyToTheNewEntry() {
        store.put(entry("ce_1", "k1", "Paris."));
        assertThat(store.idForExactKey("k1")).contains("ce_1");
        assertThat(store.get("ce_1")).isPresent();

        assertThat(store.put(entry("ce_2", "k1", "Paris, France."))).contains("ce_1");

        assertThat(store.idForExactKey("k1")).contains("ce_2");
        assertThat(store.get("ce_1")).isEmpty();
        assertThat(new String(store.get("ce_2").orElseThrow().answer(), StandardCharsets.UTF_8))
                .isEqualTo("Paris, France.");
    }

    @Test
    void hitStatisticsReachTheCopyInMemory() {
        store.put(entry("ce_1", "k1", "Paris."));
        assertThat(store.get("ce_1").orElseThrow().hitCount()).isZero();

        store.recordHits(Map.of("ce_1", 5_000L), Map.of("ce_1", 3L));

        CacheEntry after = store.get("ce_1").orElseThrow();
        assertThat(after.hitCount()).isEqualTo(3);
        assertThat(after.lastHitAt()).isEqualTo(5_000);
    }

    @Test
    void readersRacingWithARemovalNeverBringTheEntryBack() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            String id = "ce_" + round;
            String key = "k" + round;
            store.put(entry(id, key, "answer " + round));
            AtomicBoolean stop = new AtomicBoolean();
            Thread reader = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    store.idForExactKey(key).flatMap(store::get);
                }
            });
            store.removeAll(List.of(id));
            stop.set(true);
            reader.join();

            assertThat(store.get(id)).as("round %d", round).isEmpty();
            assertThat(store.idForExactKey(key)).as("round %d", round).isEmpty();
        }
    }
}
