package dev.detour.gateway.records;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The gateway's durable records (usage ledger, failover events, later keys and budgets): one SQLite file in WAL
 * mode, because these must survive a {@code kill -9} (DESIGN.md). Writes go through one connection, one at a time;
 * reads open their own connection, so a slow admin query never holds up a writer. Nothing here belongs on a
 * request's hot path: callers queue their records and write them in batches.
 */
public final class RecordsDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordsDatabase.class);
    public static final String FILE_NAME = "detour.db";

    private final String url;
    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();

    private RecordsDatabase(Path file) throws SQLException {
        this.file = file;
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.writer = connect();
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            // NORMAL in WAL mode: a power cut may lose the last transactions, a crashed process loses nothing.
            statement.execute("PRAGMA synchronous=NORMAL");
            statement.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
        }
    }

    /** Opens (creating when missing) {@code detour.db} in the gateway's data folder. */
    public static RecordsDatabase open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            RecordsDatabase database = new RecordsDatabase(dataDir.resolve(FILE_NAME));
            log.info("records database at {}", database.file);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dataDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the records database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Applies a named schema change once: the name is recorded with the change in one transaction, so a change
     * is either wholly applied or not at all, and never twice.
     */
    public void migrate(String name, String... statements) {
        write(connection -> {
            try (PreparedStatement seen = connection.prepareStatement("SELECT 1 FROM schema_migrations WHERE name = ?")) {
                seen.setString(1, name);
                if (seen.executeQuery().next()) {
                    return null;
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)")) {
                record.setString(1, name);
                record.setLong(2, System.currentTimeMillis());
                record.executeUpdate();
            }
            return null;
        });
    }

    /** Runs {@code work} in one transaction on the writer connection, committed when it returns. */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new RecordsException("records write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a connection of its own (WAL lets it read while a write is going on). */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only=1");
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new RecordsException("records read failed: " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            // Readers and the writer may meet at a checkpoint; wait for each other briefly rather than fail.
            statement.execute("PRAGMA busy_timeout=5000");
        }
        return connection;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            writer.close();
        } catch (SQLException e) {
            log.warn("closing the records database: {}", e.getMessage());
        } finally {
            writeLock.unlock();
        }
    }

    /** Work done with a JDBC connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
