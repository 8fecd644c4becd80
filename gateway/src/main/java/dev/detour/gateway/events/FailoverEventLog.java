package dev.detour.gateway.events;

import dev.detour.gateway.records.RecordsDatabase;
import dev.detour.gateway.routing.FailoverEvent;
import dev.detour.gateway.routing.FailoverEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failover events in the records database. A request only queues its event (no I/O on its path); one writer thread
 * stores the queue in batches, one transaction each. If the queue is full (the disk is stuck), events are dropped
 * and counted rather than slowing requests down.
 */
public final class FailoverEventLog implements FailoverEventSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailoverEventLog.class);
    private static final int QUEUE_CAPACITY = 10_000;
    private static final int BATCH = 500;
    private static final long MAX_WAIT_MILLIS = 200;

    private final RecordsDatabase database;
    private final BlockingQueue<FailoverEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    public FailoverEventLog(RecordsDatabase database) {
        this.database = database;
        database.migrate("0001_failover_events",
                """
                CREATE TABLE failover_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at_ms INTEGER NOT NULL,
                    route TEXT NOT NULL,
                    from_deployment TEXT NOT NULL,
                    to_deployment TEXT,
                    failure_class TEXT NOT NULL,
                    latency_added_ms REAL NOT NULL
                )""",
                "CREATE INDEX failover_events_at ON failover_events (at_ms)",
                "CREATE INDEX failover_events_route_at ON failover_events (route, at_ms)");
        this.writer = Thread.ofPlatform().name("detour-failover-events").daemon().start(this::drainUntilClosed);
    }

    @Override
    public void record(FailoverEvent event) {
        if (!queue.offer(event)) {
            long lost = dropped.incrementAndGet();
            if (Long.bitCount(lost) == 1) {
                log.warn("failover event queue full: {} events dropped so far", lost);
            }
        }
    }

    /** Events stored so far (tests wait on it). */
    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Stores everything queued so far; for tests and an orderly shutdown. */
    public void flush() {
        List<FailoverEvent> batch = new ArrayList<>();
        while (queue.drainTo(batch, BATCH) > 0) {
            store(batch);
            batch.clear();
        }
    }

    private void drainUntilClosed() {
        List<FailoverEvent> batch = new ArrayList<>(BATCH);
        while (!closing) {
            try {
                FailoverEvent first = queue.poll(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                store(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("failover events not stored ({} lost): {}", batch.size(), e.getMessage());
            }
            batch.clear();
        }
    }

    private synchronized void store(List<FailoverEvent> batch) {
        database.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO failover_events "
                    + "(at_ms, route, from_deployment, to_deployment, failure_class, latency_added_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (FailoverEvent event : batch) {
                    bind(insert, event);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        written.addAndGet(batch.size());
    }

    private static void bind(PreparedStatement insert, FailoverEvent event) throws SQLException {
        insert.setLong(1, event.at().toEpochMilli());
        insert.setString(2, event.route());
        insert.setString(3, event.from().toString());
        if (event.to() == null) {
            insert.setNull(4, Types.VARCHAR);
        } else {
            insert.setString(4, event.to().toString());
        }
        insert.setString(5, event.failureClass().name().toLowerCase());
        insert.setDouble(6, event.latencyAdded().toNanos() / 1e6);
    }

    /** Stored events matching {@code query}, newest first. */
    public List<StoredFailoverEvent> find(EventQuery query) {
        StringBuilder sql = new StringBuilder("SELECT id, at_ms, route, from_deployment, to_deployment, failure_class, "
                + "latency_added_ms FROM failover_events WHERE at_ms >= ? AND at_ms <= ?");
        List<Object> args = new ArrayList<>(List.of(query.fromMillis(), query.toMillis()));
        if (query.route() != null) {
            sql.append(" AND route = ?");
            args.add(query.route());
        }
        if (query.provider() != null) {
            // A provider matches either end of the move; "provider" alone or "provider/model".
            String provider = query.provider();
            if (provider.contains("/")) {
                sql.append(" AND (from_deployment = ? OR to_deployment = ?)");
                args.add(provider);
                args.add(provider);
            } else {
                sql.append(" AND (instr(from_deployment, ?) = 1 OR instr(to_deployment, ?) = 1)");
                args.add(provider + "/");
                args.add(provider + "/");
            }
        }
        sql.append(" ORDER BY at_ms DESC, id DESC LIMIT ?");
        args.add(query.limit());
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    select.setObject(i + 1, args.get(i));
                }
                List<StoredFailoverEvent> found = new ArrayList<>();
                var rows = select.executeQuery();
                while (rows.next()) {
                    found.add(new StoredFailoverEvent(rows.getLong(1), rows.getLong(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getDouble(7)));
                }
                return found;
            }
        });
    }

    @Override
    public void close() {
        closing = true;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("failover events not stored at shutdown: {}", e.getMessage());
        }
    }
}
