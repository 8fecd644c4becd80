package dev.detour.cache.index;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Lucene 10 HNSW index of entry vectors, on disk: one document per semantic entry, its id, its partition and its
 * normalised vector (dot product = cosine). A search only looks inside one partition, scanning it exactly where a
 * segment holds few of its entries ({@link PartitionKnnQuery}). The index holds nothing the store does not: it can
 * always be rebuilt from the store ({@link IndexRecovery}).
 * <p>
 * Reopening Lucene's reader after every add would cut a tiny segment per entry and put a flush on each store's path.
 * Instead, entries added since the last {@link #refresh()} wait in a small list that every search also scans by
 * brute force, so an entry is findable the moment {@link #add} returns, and a periodic refresh folds them in.
 * <p>
 * A partition that grows past {@link #DEFAULT_OWN_FIELD_AT} entries gets a vector field of its own, hence an HNSW
 * graph of its own, walked without a filter. In the shared field such a partition is a small share of a large segment:
 * a scan reads all of it (12.6 ms p50 for 100,000 of 1,000,000 entries) and Lucene's filtered walk wanders the other
 * 90 % (30 ms). The move happens at a refresh, off the request path: new entries of the partition go to its field from
 * then on, and its entries in the shared field are written again into it.
 */
public final class VectorIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VectorIndex.class);

    /**
     * Below this many entries of a partition in a segment, a search scores them all instead of walking the graph
     * (see {@link PartitionKnnQuery}; the figure comes from benchmarks/results/cache-index-*-2026-12-06-b.md).
     */
    public static final int DEFAULT_EXACT_SCAN_BELOW = 20_000;
    /** ... and only when they are at most half of the segment: a partition that is most of it is walked. */
    public static final double SCAN_SHARE_AT_MOST = 0.5;
    /** A partition with this many entries in the shared field moves to a field of its own (0: never). */
    public static final int DEFAULT_OWN_FIELD_AT = DEFAULT_EXACT_SCAN_BELOW;
    /** A partition's own vector field is this prefix and the partition's key. */
    static final String OWN_VECTOR_PREFIX = "vector:";
    /**
     * The fewest candidates a walk of a partition's own field keeps in its beam. A partition's graph can be made of
     * small tight clusters, where a beam as narrow as k misses neighbours (recall@50 0.61 on 20,000 clustered vectors).
     */
    public static final int OWN_FIELD_BEAM = 200;

    public static final String ID = "id";
    public static final String PARTITION = "partition";
    public static final String VECTOR = "vector";
    /** The id again, as doc values: reading 50 ids from stored fields decompresses up to 50 blocks per search. */
    static final String ID_VALUES = "id_values";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final int exactScanBelow;
    private final double scanShareAtMost;
    private final int ownFieldAt;
    /** The partitions whose new entries go to a field of their own. */
    private final Set<String> ownField = ConcurrentHashMap.newKeySet();
    /** Partitions that had entries added to the shared field since the last refresh: the ones to count. */
    private final Set<String> grown = ConcurrentHashMap.newKeySet();
    /** While a partition moves to its own field, the ids deleted meanwhile, to delete again once it has moved. */
    private Set<String> deletedWhileMoving;
    /** Orders deletes against the end of a move (see {@link #moveToOwnField}). */
    private final Object moveEnd = new Object();

    /** An entry added since the last refresh; {@code seq} orders it against refreshes. */
    private record Pending(long seq, String id, String partition, float[] vector) {
    }

    private VectorIndex(Directory directory, IndexWriter writer, int exactScanBelow, double scanShareAtMost,
                        int ownFieldAt) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.exactScanBelow = exactScanBelow;
        this.scanShareAtMost = scanShareAtMost;
        this.ownFieldAt = ownFieldAt;
        this.searchers = new SearcherManager(writer, null);
        IndexSearcher searcher = searchers.acquire();
        try {
            for (FieldInfo field : FieldInfos.getMergedFieldInfos(searcher.getIndexReader())) {
                if (field.name.startsWith(OWN_VECTOR_PREFIX)) {
                    ownField.add(field.name.substring(OWN_VECTOR_PREFIX.length()));
                }
            }
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Opens the index in {@code dir}, creating it when {@code create} is set (any old content is dropped). Opening an
     * existing index that is missing or damaged throws, so that the caller can rebuild.
     */
    public static VectorIndex open(Path dir, boolean create) throws IOException {
        return open(dir, create, DEFAULT_EXACT_SCAN_BELOW);
    }

    /** As {@link #open(Path, boolean)}, with the partition size below which a search scans exactly. */
    public static VectorIndex open(Path dir, boolean create, int exactScanBelow) throws IOException {
        return open(dir, create, exactScanBelow, SCAN_SHARE_AT_MOST, DEFAULT_OWN_FIELD_AT);
    }

    /**
     * ... the share of a segment up to which a partition below that size is scanned, and the size at which a partition
     * gets a field of its own (0: never); benchmarks and tests compare.
     */
    public static VectorIndex open(Path dir, boolean create, int exactScanBelow, double scanShareAtMost,
                                   int ownFieldAt) throws IOException {
        Directory directory = FSDirectory.open(dir);
        try {
            if (!create) {
                // Reads every segment's header and checksum footer of its metadata: a missing or truncated file fails here.
                try (DirectoryReader probe = DirectoryReader.open(directory)) {
                    probe.numDocs();
                }
            }
            IndexWriterConfig config = new IndexWriterConfig()
                    .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                    .setRAMBufferSizeMB(64);
            return new VectorIndex(directory, new IndexWriter(directory, config), exactScanBelow, scanShareAtMost,
                    ownFieldAt);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    public void add(String id, String partition, float[] vector) throws IOException {
        boolean own = ownField.contains(partition);
        write(id, partition, vector, own);
        if (!own) {
            grown.add(partition);
        }
        pending.add(new Pending(sequence.incrementAndGet(), id, partition, vector.clone()));
    }

    private void write(String id, String partition, float[] vector, boolean toOwnField) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(ID, id, Field.Store.YES));
        doc.add(new BinaryDocValuesField(ID_VALUES, new BytesRef(id)));
        doc.add(new StringField(PARTITION, partition, Field.Store.NO));
        doc.add(new KnnFloatVectorField(toOwnField ? OWN_VECTOR_PREFIX + partition : VECTOR, vector,
                VectorSimilarityFunction.DOT_PRODUCT));
        writer.updateDocument(new Term(ID, id), doc);
    }

    public void delete(String id) throws IOException {
        synchronized (moveEnd) {
            writer.deleteDocuments(new Term(ID, id));
            if (deletedWhileMoving != null) {
                deletedWhileMoving.add(id);
            }
        }
        pending.removeIf(p -> p.id().equals(id));
    }

    /**
     * Makes the latest adds and deletes visible to Lucene's searcher, and drops the pending entries it now holds.
     * (A deleted entry may still be found until then; callers check the store, which no longer has it.)
     */
    public void refresh() throws IOException {
        long upTo = sequence.get();
        searchers.maybeRefreshBlocking();
        pending.removeIf(p -> p.seq() <= upTo);
        if (ownFieldAt > 0 && !grown.isEmpty()) {
            moveBigPartitions();
        }
    }

    /** Gives each partition that has grown to {@link #ownFieldAt} entries in the shared field a field of its own. */
    private synchronized void moveBigPartitions() throws IOException {
        List<String> counted = new ArrayList<>(grown);
        grown.removeAll(counted);
        List<String> big = new ArrayList<>();
        IndexSearcher searcher = searchers.acquire();
        try {
            for (String partition : counted) {
                if (!ownField.contains(partition)
                        && searcher.count(new TermQuery(new Term(PARTITION, partition))) >= ownFieldAt) {
                    big.add(partition);
                }
            }
        } finally {
            searchers.release(searcher);
        }
        for (String partition : big) {
            moveToOwnField(partition);
        }
    }

    /**
     * New entries of the partition go to its own field from now on; then every entry of it in the shared field is
     * written again into its own field (same id, so Lucene replaces the document). A delete either comes before the
     * snapshot the move reads (which then lacks the entry), or is noted and applied again when the move ends, or comes
     * after that: the rewrite can never bring back a deleted entry.
     */
    private void moveToOwnField(String partition) throws IOException {
        long start = System.nanoTime();
        ownField.add(partition);
        synchronized (moveEnd) {
            deletedWhileMoving = new java.util.HashSet<>();
        }
        int moved = 0;
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                Weight weight = searcher.createWeight(new TermQuery(new Term(PARTITION, partition)),
                        ScoreMode.COMPLETE_NO_SCORES, 1);
                for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                    moved += moveLeaf(leaf, weight, partition);
                }
            } finally {
                searchers.release(searcher);
            }
        } finally {
            synchronized (moveEnd) {
                for (String id : deletedWhileMoving) {
                    writer.deleteDocuments(new Term(ID, id));
                }
                deletedWhileMoving = null;
            }
        }
        searchers.maybeRefreshBlocking();
        log.info("cache index: a partition of {} entries now has a vector field of its own ({} ms)", moved,
                (System.nanoTime() - start) / 1_000_000);
    }

    private int moveLeaf(LeafReaderContext leaf, Weight weight, String partition) throws IOException {
        FloatVectorValues vectors = leaf.reader().getFloatVectorValues(VECTOR);
        Scorer scorer = weight.scorer(leaf);
        if (vectors == null || scorer == null) {
            return 0;
        }
        Bits live = leaf.reader().getLiveDocs();
        BinaryDocValues idValues = leaf.reader().getBinaryDocValues(ID_VALUES);
        StoredFields stored = leaf.reader().storedFields();
        KnnVectorValues.DocIndexIterator withVector = vectors.iterator();
        DocIdSetIterator docs = scorer.iterator();
        int moved = 0;
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
            if ((live != null && !live.get(doc))
                    || (withVector.docID() < doc ? withVector.advance(doc) : withVector.docID()) != doc) {
                continue;
            }
            String id = idValues != null && idValues.advanceExact(doc) ? idValues.binaryValue().utf8ToString()
                    : stored.document(doc, Set.of(ID)).get(ID);
            write(id, partition, vectors.vectorValue(withVector.index()).clone(), true);
            moved++;
        }
        return moved;
    }

    /** Whether the partition's entries have a vector field of their own. */
    boolean hasOwnField(String partition) {
        return ownField.contains(partition);
    }

    /** Entries added since the last refresh (for tests and the periodic refresh's decision). */
    public int pendingCount() {
        return pending.size();
    }

    /** Makes the latest changes durable on disk. */
    public void commit() throws IOException {
        writer.commit();
    }

    /** The nearest {@code k} entries to {@code vector} inside {@code partition}, nearest first. */
    public List<Candidate> search(String partition, float[] vector, int k) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            PartitionKnnQuery query = new PartitionKnnQuery(VECTOR, vector, k,
                    new TermQuery(new Term(PARTITION, partition)), exactScanBelow, scanShareAtMost);
            TopDocs top = searcher.search(query, k);
            if (ownField.contains(partition)) {
                // Its own field holds only its entries: an unfiltered walk. The shared field may still hold a few
                // (added while it moved); a document is in one field or the other, never both.
                int beam = Math.max(k, OWN_FIELD_BEAM);
                TopDocs own = searcher.search(new KnnFloatVectorQuery(OWN_VECTOR_PREFIX + partition, vector, beam),
                        k);
                top = new TopDocs(own.totalHits, nearestOf(top.scoreDocs, own.scoreDocs, k));
            }
            String[] ids = ids(searcher, top.scoreDocs);
            List<Candidate> found = new ArrayList<>(top.scoreDocs.length + pending.size());
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < ids.length; i++) {
                // Lucene scores a dot product as (1 + dot) / 2, so that scores are never negative.
                found.add(new Candidate(ids[i], 2.0 * top.scoreDocs[i].score - 1.0));
                seen.add(ids[i]);
            }
            for (Pending p : pending) {
                if (p.partition().equals(partition) && !seen.contains(p.id())) {
                    found.add(new Candidate(p.id(), dot(p.vector(), vector)));
                }
            }
            if (found.size() > top.scoreDocs.length) {
                found.sort(Comparator.comparingDouble(Candidate::cosine).reversed());
                if (found.size() > k) {
                    found = new ArrayList<>(found.subList(0, k));
                }
            }
            return found;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * The entry ids of the hits, in the hits' order: from doc values, visited in document order as their iterators
     * require; segments written before the ids had doc values fall back to stored fields.
     */
    private static String[] ids(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        String[] ids = new String[hits.length];
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        LeafReaderContext leaf = null;
        BinaryDocValues values = null;
        StoredFields stored = null;
        for (int i : order) {
            int doc = hits[i].doc;
            int at = ReaderUtil.subIndex(doc, leaves);
            if (at != leafIndex) {
                leafIndex = at;
                leaf = leaves.get(at);
                values = leaf.reader().getBinaryDocValues(ID_VALUES);
                stored = null;
            }
            int local = doc - leaf.docBase;
            if (values != null && values.advanceExact(local)) {
                ids[i] = values.binaryValue().utf8ToString();
            } else {
                if (stored == null) {
                    stored = leaf.reader().storedFields();
                }
                ids[i] = stored.document(local, Set.of(ID)).get(ID);
            }
        }
        return ids;
    }

    /** The {@code k} best of two hit lists, best first. */
    private static ScoreDoc[] nearestOf(ScoreDoc[] a, ScoreDoc[] b, int k) {
        if (a.length == 0) {
            return b;
        }
        ScoreDoc[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all, (x, y) -> Float.compare(y.score, x.score));
        return all.length > k ? Arrays.copyOf(all, k) : all;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Live documents, as of the last refresh. */
    public int size() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
            writer.close();
        } finally {
            directory.close();
        }
    }
}
