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
