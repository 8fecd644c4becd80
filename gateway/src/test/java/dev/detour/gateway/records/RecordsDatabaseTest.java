package dev.detour.gateway.records;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordsDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void recordsSurviveReopeningAndMigrationsRunOnce() {
        try (RecordsDatabase db = RecordsDatabase.open(dir.resolve("nested"))) {
            db.migrate("001-notes", "CREATE TABLE notes (text TEXT NOT NULL)");
            db.migrate("001-notes", "CREATE TABLE notes (text TEXT NOT NULL)");
            db.write(c -> c.createStatement().executeUpdate("INSERT INTO notes VALUES ('kept')"));
        }
        try (RecordsDatabase db = RecordsDatabase.open(dir.resolve("nested"))) {
            db.migrate("001-notes", "CREATE TABLE notes (text TEXT NOT NULL)");
            String text = db.read(c -> {
                ResultSet rows = c.createStatement().executeQuery("SELECT text FROM notes");
                return rows.next() ? rows.getString(1) : null;
            });
            assertThat(text).isEqualTo("kept");
            String mode = db.read(c -> c.createStatement().executeQuery("PRAGMA journal_mode").getString(1));
            assertThat(mode).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        try (RecordsDatabase db = RecordsDatabase.open(dir)) {
            db.migrate("001-notes", "CREATE TABLE notes (text TEXT NOT NULL)");
            assertThatThrownBy(() -> db.write(c -> {
                c.createStatement().executeUpdate("INSERT INTO notes VALUES ('half')");
                return c.createStatement().executeUpdate("INSERT INTO notes VALUES (NULL)");
            })).isInstanceOf(RecordsException.class).hasMessageContaining("NOT NULL");
            int count = db.read(c -> c.createStatement().executeQuery("SELECT count(*) FROM notes").getInt(1));
            assertThat(count).isZero();
        }
    }
}
