package dev.detour.cache.index;

import dev.detour.cache.embed.Vectors;
import dev.detour.cache.support.RandomVectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VectorIndexTest {

    private static final int DIM = 8;

    @TempDir
    Path dir;

    /** A partition past the threshold moves to a field of its own; what it holds is found as before, and only there. */
    @Test
    void aBigPartitionMovesToAFieldOfItsOwnAndKeepsItsEntries() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        List<float[]> big = new ArrayList<>();
        List<float[]> small = new ArrayList<>();
        try (VectorIndex index = VectorIndex.open(dir, true, VectorIndex.DEFAULT_EXACT_SCAN_BELOW,
                VectorIndex.SCAN_SHARE_AT_MOST, 200)) {
            for (int i = 0; i < 400; i++) {
                float[] v = RandomVectors.unit(random, DIM);
                if (i % 4 == 0) {
                    small.add(v);
                    index.add("small_" + small.size(), "small", v);
                } else {
                    big.add(v);
                    index.add("big_" + big.size(), "big", v);
                }
                if (i % 100 == 99) {
                    index.refresh(); // segments, and the move once "big" has 200
                }
            }
            index.refresh();
            assertThat(index.hasOwnField("big")).isTrue();
            assertThat(index.hasOwnField("small")).isFalse();
            assertThat(index.size()).isEqualTo(400);

            // Every entry, moved or added after the move, is its own nearest neighbour, in its partition only.
            for (int i = 0; i < big.size(); i += 7) {
                List<Candidate> found = index.search("big", big.get(i), 3);
                assertThat(found.getFirst().id()).isEqualTo("big_" + (i + 1));
                assertThat(found.getFirst().cosine()).isCloseTo(1.0, within(1e-5));
                assertThat(found).allSatisfy(c -> assertThat(c.id()).startsWith("big_"));
            }
            for (int i = 0; i < small.size(); i += 5) {
                List<Candidate> found = index.search("small", small.get(i), 3);
                assertThat(found.getFirst().id()).isEqualTo("small_" + (i + 1));
                assertThat(found).allSatisfy(c -> assertThat(c.id()).startsWith("small_"));
            }

            index.delete("big_8");
            index.refresh();
            assertThat(index.search("big", big.get(7), 3)).extracting(Candidate::id).doesNotContain("big_8");
            assertThat(index.size()).isEqualTo(399);
        }
        // Reopened, the partition still has its field, and new entries go there.
        try (VectorIndex index = VectorIndex.open(dir, false, VectorIndex.DEFAULT_EXACT_SCAN_BELOW,
                VectorIndex.SCAN_SHARE_AT_MOST, 200)) {
            assertThat(index.hasOwnField("big")).isTrue();
            float[] fresh = RandomVectors.unit(random, DIM);
            index.add("big_new", "big", fresh);
            index.refresh();
            assertThat(index.search("big", fresh, 1).getFirst().id()).isEqualTo("big_new");
            assertThat(index.search("big", big.get(20), 1).getFirst().id()).isEqualTo("big_21");
            assertThat(index.size()).isEqualTo(400);
        }
    }

    /** Scores the entries of one partition by hand and compares ids, order and cosines. */
    @Test
    void findsTheNearestEntriesOfThePartitionWithTheirIdsAndCosines() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        try (VectorIndex index = VectorIndex.open(dir, true)) {
            for (int i = 0; i < 600; i++) {
                float[] v = RandomVectors.unit(random, DIM);
                String partition = i % 3 == 0 ? "mine" : "other";
                index.add("ce_" + i, partition, v);
                if (partition.equals("mine")) {
                    ids.add("ce_" + i);
                    vectors.add(v);
                }
                if (i % 150 == 149) {
                    index.refresh(); // several segments
                }
            }
            index.refresh();
            float[] query = RandomVectors.unit(random, DIM);
            List<Candidate> found = index.search("mine", query, 10);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble((Integer i) -> -Vectors.cosine(vectors.get(i), query)));
            assertThat(found).hasSize(10);
            for (int r = 0; r < 10; r++) {
                int expected = order.get(r);
                assertThat(found.get(r).id()).isEqualTo(ids.get(expected));
                assertThat(found.get(r).cosine()).isCloseTo(Vectors.cosine(vectors.get(expected), query), within(1e-5));
            }
        }
    }

    /** An index written before ids had doc values still answers with the right ids, old and new entries alike. */
    @Test
    void readsIdsFromSegmentsWrittenWithoutIdDocValues() throws IOException {
        float[] old = {1, 0, 0, 0, 0, 0, 0, 0};
        try (var directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            Document doc = new Document();
            doc.add(new StringField(VectorIndex.ID, "ce_old", Field.Store.YES));
            doc.add(new StringField(VectorIndex.PARTITION, "p", Field.Store.NO));
            doc.add(new KnnFloatVectorField(VectorIndex.VECTOR, old, VectorSimilarityFunction.DOT_PRODUCT));
            writer.addDocument(doc);
            writer.commit();
        }
        try (VectorIndex index = VectorIndex.open(dir, false)) {
            index.add("ce_new", "p", new float[] {0, 1, 0, 0, 0, 0, 0, 0});
            index.refresh();
            List<Candidate> found = index.search("p", new float[] {0.8f, 0.6f, 0, 0, 0, 0, 0, 0}, 5);
            assertThat(found).extracting(Candidate::id).containsExactly("ce_old", "ce_new");
            assertThat(found.get(0).cosine()).isCloseTo(0.8, within(1e-6));
            assertThat(found.get(1).cosine()).isCloseTo(0.6, within(1e-6));
        }
    }

}
