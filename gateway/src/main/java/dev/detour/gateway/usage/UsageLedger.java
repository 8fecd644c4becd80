package dev.detour.gateway.usage;

import dev.detour.gateway.records.RecordsDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The usage ledger: one row per answered request in the records database. A request only queues its record (a
 * non-blocking offer); one writer thread drains the queue and writes what has gathered in one transaction, so
 * SQLite's commit cost is shared by a batch and never paid on a request's path.
 */
public final class UsageLedger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);

    /** Records waiting beyond this are dropped with a warning rather than grow memory without bound. */
    static final int QUEUE_LIMIT = 100_000;
    static final int BATCH = 1_000;
    /**
     * How long the writer gathers records after the first one of a batch. One SQLite transaction per request cost
     * the gateway more CPU than the request itself when requests came one at a time (JFR, run-overhead.sh); one per
     * 50 ms costs almost nothing, and the records wait in memory either way.
     */
    static final Duration GATHER = Duration.ofMillis(50);

    static final String[] SCHEMA = {
            """
            CREATE TABLE usage_ledger (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              at_ms INTEGER NOT NULL,
              request_id TEXT,
              api_key TEXT,
              route TEXT NOT NULL,
              provider TEXT NOT NULL,
              model TEXT NOT NULL,
              prompt_tokens INTEGER NOT NULL,
              completion_tokens INTEGER NOT NULL,
              cached_tokens INTEGER NOT NULL DEFAULT 0,
              cost_usd REAL NOT NULL,
              cache_result TEXT NOT NULL DEFAULT 'miss',
              stream INTEGER NOT NULL,
              estimated INTEGER NOT NULL DEFAULT 0
            )""",
            "CREATE INDEX usage_ledger_at ON usage_ledger (at_ms)",
            "CREATE INDEX usage_ledger_route_at ON usage_ledger (route, at_ms)",
            "CREATE INDEX usage_ledger_provider_at ON usage_ledger (provider, at_ms)"
    };

    private final RecordsDatabase database;
    private final BlockingQueue<UsageRecord> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    public UsageLedger(RecordsDatabase database) {
        this.database = database;
        database.migrate("0001-usage-ledger", SCHEMA);
        this.writer = Thread.ofPlatform().name("detour-usage-ledger").daemon().start(this::writeLoop);
    }

    /** Queues a record; returns at once. */
    public void record(UsageRecord record) {
        if (queue.offer(record)) {
            accepted.incrementAndGet();
        } else {
            log.warn("usage ledger queue full ({} records): a record for {} was dropped", QUEUE_LIMIT, record.route());
        }
    }

    /** Waits until every record queued so far is written (or failed to write), at most {@code limit}. */
    public boolean flush(Duration limit) throws InterruptedException {
        long target = accepted.get();
        long deadline = System.nanoTime() + limit.toNanos();
        while (settled.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    public RecordsDatabase database() {
        return database;
    }

    private void writeLoop() {
        List<UsageRecord> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                UsageRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                write(batch);
            } catch (InterruptedException e) {
                if (!closing) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                settled.addAndGet(batch.size());
                batch.clear();
            }
        }
    }

    /**
     * Adds what arrives within {@link #GATHER} of the batch's first record, up to {@link #BATCH} records. The writer
     * sleeps through the window rather than waiting on the queue: a waiting writer is woken by every record offered
     * (the queue signals whenever it was empty), a thread switch per request on the cores that serve the requests.
     */
    private void gather(List<UsageRecord> batch) throws InterruptedException {
        if (!closing) {
            Thread.sleep(GATHER);
        }
        queue.drainTo(batch, BATCH - batch.size());
    }

    private void write(List<UsageRecord> batch) {
        try {
            database.write(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO usage_ledger (at_ms, request_id, api_key, route, provider, model, prompt_tokens,
                          completion_tokens, cached_tokens, cost_usd, cache_result, stream, estimated)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    for (UsageRecord r : batch) {
                        insert.setLong(1, r.at().toEpochMilli());
                        insert.setString(2, r.requestId());
                        insert.setString(3, r.key());
                        insert.setString(4, r.route());
                        insert.setString(5, r.provider());
                        insert.setString(6, r.model());
                        insert.setInt(7, r.promptTokens());
                        insert.setInt(8, r.completionTokens());
                        insert.setInt(9, r.cachedTokens());
                        insert.setDouble(10, r.costUsd());
                        insert.setString(11, r.cacheResult());
                        insert.setInt(12, r.stream() ? 1 : 0);
                        insert.setInt(13, r.estimated() ? 1 : 0);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.error("usage ledger: {} records could not be written: {}", batch.size(), e.getMessage());
        }
    }

    /** Writes what is queued, then stops the writer (within a few seconds at most). */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
