package dev.detour.cache.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Lucene 10 HNSW index of entry vectors, on disk: one document per semantic entry, its id, its partition and its
 * normalised vector (dot product = cosine). A search only looks inside one partition. The index holds nothing the
 * store does not: it can always be rebuilt from the store ({@link IndexRecovery}).
 */
public final class VectorIndex implements AutoCloseable {

    static final String ID = "id";
    static final String PARTITION = "partition";
    static final String VECTOR = "vector";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private VectorIndex(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Opens the index in {@code dir}, creating it when {@code create} is set (any old content is dropped). Opening an
     * existing index that is missing or damaged throws, so that the caller can rebuild.
     */
    static VectorIndex open(Path dir, boolean create) throws IOException {
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
            return new VectorIndex(directory, new IndexWriter(directory, config));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    public void add(String id, String partition, float[] vector) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(ID, id, Field.Store.YES));
        doc.add(new StringField(PARTITION, partition, Field.Store.NO));
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        writer.updateDocument(new Term(ID, id), doc);
    }

    public void delete(String id) throws IOException {
        writer.deleteDocuments(new Term(ID, id));
    }

    /** Makes the latest adds and deletes visible to searches. */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Makes the latest changes durable on disk. */
    public void commit() throws IOException {
        writer.commit();
    }

    /** The nearest {@code k} entries to {@code vector} inside {@code partition}, nearest first. */
    public List<Candidate> search(String partition, float[] vector, int k) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            KnnFloatVectorQuery query = new KnnFloatVectorQuery(VECTOR, vector, k,
                    new TermQuery(new Term(PARTITION, partition)));
            TopDocs top = searcher.search(query, k);
            List<Candidate> found = new ArrayList<>(top.scoreDocs.length);
            var stored = searcher.storedFields();
            for (ScoreDoc hit : top.scoreDocs) {
                String id = stored.document(hit.doc, Set.of(ID)).get(ID);
                // Lucene scores a dot product as (1 + dot) / 2, so that scores are never negative.
                found.add(new Candidate(id, 2.0 * hit.score - 1.0));
            }
            return found;
        } finally {
            searchers.release(searcher);
        }
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
