package dev.detour.cache.index;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.knn.KnnCollectorManager;

import java.io.IOException;
import java.util.Objects;

/**
 * A filtered HNSW query that scores a segment's filtered documents exactly when there are fewer than
 * {@code exactScanBelow} of them. Lucene on its own scans exactly only when the filter keeps no more than k documents,
 * or after an HNSW walk has visited more nodes than the filter keeps; with one partition of 1% of a 1,000,000-entry
 * segment, that walk wanders over the 99% it may not return before giving up, and then the scan is paid on top
 * (measured: p99 15 ms where the scan alone costs a few). The filter's cardinality is known before the walk, so the
 * choice is made up front. Scores and ties are Lucene's own ({@code exactSearch}); only the path differs.
 * <p>
 * A partition that is most of its segment (one tenant, one route: the common case) is walked even when small: the
 * walk then rarely meets a document it may not return, and it reads a few hundred vectors where a scan reads them all.
 * Right after an embedding, which pushes the vectors out of the CPU caches, the scan of 3,000 cost 278 µs and the
 * walk 179 µs, finding the same candidates above the floor (benchmarks/results/cache-speed-2026-12-06-search.md).
 */
public final class PartitionKnnQuery extends KnnFloatVectorQuery {

    private final int exactScanBelow;
    private final double scanShareAtMost;

    /** Scans whenever the segment holds fewer than {@code exactScanBelow} of the partition's documents. */
    public PartitionKnnQuery(String field, float[] target, int k, Query filter, int exactScanBelow) {
        this(field, target, k, filter, exactScanBelow, 1.0);
    }

    /**
     * Scans when the segment holds fewer than {@code exactScanBelow} of the partition's documents and they are at most
     * {@code scanShareAtMost} of the segment's documents; walks the graph otherwise.
     */
    public PartitionKnnQuery(String field, float[] target, int k, Query filter, int exactScanBelow,
                             double scanShareAtMost) {
        super(field, target, k, filter);
        if (exactScanBelow < 0) {
            throw new IllegalArgumentException("exactScanBelow must not be negative");
        }
        if (!(scanShareAtMost >= 0 && scanShareAtMost <= 1)) {
            throw new IllegalArgumentException("scanShareAtMost must be between 0 and 1");
        }
        this.exactScanBelow = exactScanBelow;
        this.scanShareAtMost = scanShareAtMost;
    }

    @Override
    protected TopDocs approximateSearch(LeafReaderContext context, AcceptDocs acceptDocs, int visitedLimit,
                                        KnnCollectorManager collectors) throws IOException {
        // Unfiltered searches come here with the live documents only: their cost is the segment, and the walk is right.
        long partitionDocs = acceptDocs.cost();
        if (getFilter() != null && partitionDocs < exactScanBelow
                && partitionDocs <= scanShareAtMost * context.reader().maxDoc()) {
            return exactSearch(context, acceptDocs.iterator(), null);
        }
        return super.approximateSearch(context, acceptDocs, visitedLimit, collectors);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && exactScanBelow == ((PartitionKnnQuery) o).exactScanBelow
                && scanShareAtMost == ((PartitionKnnQuery) o).scanShareAtMost;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), exactScanBelow, scanShareAtMost);
    }

    @Override
    public String toString(String field) {
        return super.toString(field) + "[exactScanBelow=" + exactScanBelow + ", scanShareAtMost=" + scanShareAtMost
                + "]";
    }
}
