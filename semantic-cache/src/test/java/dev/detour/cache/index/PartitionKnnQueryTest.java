package dev.detour.cache.index;

import dev.detour.cache.embed.Vectors;
import dev.detour.cache.support.RandomVectors;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionKnnQueryTest {

    private static final int DIM = 16;
    private static final int DOCS = 6000;
    private static final int K = 20;
    private static final List<float[]> vectors = new ArrayList<>();
    private static final List<String> partitions = new ArrayList<>();
    private static ByteBuffersDirectory directory;
    private static DirectoryReader reader;
    private static IndexSearcher searcher;

    /** Partition "big" holds half the documents, "small" a twentieth, the rest are spread thin; three segments. */
    @BeforeAll
    static void index() throws IOException {
        directory = new ByteBuffersDirectory();
        SplittableRandom random = new SplittableRandom(7);
        // A sparse graph (M=4, beam 8) misses true neighbours now and then, so an approximate answer shows.
        IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene104Codec() {
            @Override
            public org.apache.lucene.codecs.KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return new org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat(4, 8);
            }
        });
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < DOCS; i++) {
                int r = i % 20;
                String partition = r < 10 ? "big" : r == 10 ? "small" : "thin" + r;
                float[] v = RandomVectors.unit(random, DIM);
                vectors.add(v);
                partitions.add(partition);
                Document doc = new Document();
                doc.add(new StoredField("n", i));
                doc.add(new StringField(VectorIndex.PARTITION, partition, Field.Store.NO));
                doc.add(new KnnFloatVectorField(VectorIndex.VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
                writer.addDocument(doc);
                if ((i + 1) % 2000 == 0) {
                    writer.flush();
                }
            }
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
        assertThat(reader.leaves()).hasSizeGreaterThan(1);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @Test
    void belowTheThresholdAPartitionIsScoredExactly() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        for (int q = 0; q < 50; q++) {
            float[] query = RandomVectors.unit(random, DIM);
            // "small" has 100 documents per segment: below 1,000, so scanned.
            assertThat(numbers(searcher.search(new PartitionKnnQuery(VectorIndex.VECTOR, query, K,
                    filter("small"), 1000), K))).containsExactlyInAnyOrderElementsOf(bruteForce(query, "small"));
        }
    }

    @Test
    void theExactScanFindsWhatAnHnswWalkOnASparseGraphMisses() throws IOException {
        SplittableRandom random = new SplittableRandom(13);
        int lucenePerfect = 0;
        for (int q = 0; q < 50; q++) {
            float[] query = RandomVectors.unit(random, DIM);
            List<Integer> truth = bruteForce(query, "big");
            assertThat(numbers(searcher.search(new PartitionKnnQuery(VectorIndex.VECTOR, query, K, filter("big"),
                    Integer.MAX_VALUE), K))).containsExactlyInAnyOrderElementsOf(truth);
            if (new java.util.HashSet<>(numbers(searcher.search(new KnnFloatVectorQuery(VectorIndex.VECTOR, query, K,
                    filter("big")), K))).equals(new java.util.HashSet<>(truth))) {
                lucenePerfect++;
            }
        }
        // Otherwise the test above could not tell a scan from a walk.
        assertThat(lucenePerfect).isLessThan(50);
    }

    @Test
    void aboveTheThresholdTheGraphIsWalkedAsLuceneWouldWalkIt() throws IOException {
        SplittableRandom random = new SplittableRandom(17);
        for (int q = 0; q < 50; q++) {
            float[] query = RandomVectors.unit(random, DIM);
            TopDocs ours = searcher.search(new PartitionKnnQuery(VectorIndex.VECTOR, query, K, filter("big"), 10), K);
            TopDocs lucene = searcher.search(new KnnFloatVectorQuery(VectorIndex.VECTOR, query, K, filter("big")), K);
            assertThat(numbers(ours)).isEqualTo(numbers(lucene));
        }
    }

    @Test
    void aPartitionThatIsMostOfItsSegmentIsWalkedEvenBelowTheThreshold() throws IOException {
        SplittableRandom random = new SplittableRandom(23);
        for (int q = 0; q < 50; q++) {
            float[] query = RandomVectors.unit(random, DIM);
            // "big" is half of each segment: scanned when half may be scanned, walked when only a third may.
            assertThat(numbers(searcher.search(new PartitionKnnQuery(VectorIndex.VECTOR, query, K, filter("big"),
                    Integer.MAX_VALUE, 0.5), K))).containsExactlyInAnyOrderElementsOf(bruteForce(query, "big"));
            TopDocs walked = searcher.search(new PartitionKnnQuery(VectorIndex.VECTOR, query, K, filter("big"),
                    Integer.MAX_VALUE, 0.33), K);
            TopDocs lucene = searcher.search(new KnnFloatVectorQuery(VectorIndex.VECTOR, query, K, filter("big")), K);
            assertThat(numbers(walked)).isEqualTo(numbers(lucene));
        }
    }

    @Test
    void onlyThePartitionsDocumentsComeBack() throws IOException {
        SplittableRandom random = new SplittableRandom(19);
        for (String partition : List.of("small", "big", "thin13")) {
            for (int threshold : new int[] {0, 1000, Integer.MAX_VALUE}) {
                List<Integer> found = numbers(searcher.search(new PartitionKnnQuery(VectorIndex.VECTOR,
                        RandomVectors.unit(random, DIM), K, filter(partition), threshold), K));
                assertThat(found).hasSize(K).allSatisfy(n -> assertThat(partitions.get(n)).isEqualTo(partition));
            }
        }
        assertThat(searcher.search(new PartitionKnnQuery(VectorIndex.VECTOR, RandomVectors.unit(random, DIM), K, filter("none"), 1000),
                K).scoreDocs).isEmpty();
    }

    @Test
    void aNegativeThresholdIsRefused() {
        assertThatThrownBy(() -> new PartitionKnnQuery(VectorIndex.VECTOR, new float[DIM], K, filter("small"), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionKnnQuery(VectorIndex.VECTOR, new float[DIM], K, filter("small"), 10,
                1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Integer> bruteForce(float[] query, String partition) {
        List<Integer> in = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            if (partitions.get(i).equals(partition)) {
                in.add(i);
            }
        }
        in.sort(Comparator.comparingDouble((Integer i) -> -Vectors.cosine(vectors.get(i), query)));
        return in.subList(0, Math.min(K, in.size()));
    }

    private static List<Integer> numbers(TopDocs top) throws IOException {
        List<Integer> out = new ArrayList<>();
        var stored = searcher.storedFields();
        for (ScoreDoc d : top.scoreDocs) {
            out.add(stored.document(d.doc).getField("n").numericValue().intValue());
        }
        return out;
    }

    private static TermQuery filter(String partition) {
        return new TermQuery(new Term(VectorIndex.PARTITION, partition));
    }
}
