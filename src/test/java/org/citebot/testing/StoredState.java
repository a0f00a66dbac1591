package org.citebot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;

/** Checks on what a stopped citebot left in its data directory ({@code index/} and {@code citebot.db}). */
public final class StoredState {

    private StoredState() {}

    /**
     * The index opens (no write lock left behind) with documents in it, and the state database
     * passes SQLite's integrity check.
     */
    public static void assertReopensCleanly(Path dataDir) throws IOException, SQLException {
        try (PassageIndex reopened =
                PassageIndex.open(dataDir.resolve("index"), IndexSettings.defaults(), Clock.systemUTC())) {
            assertThat(reopened.metadata().documents()).isPositive();
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("citebot.db"));
                Statement statement = db.createStatement();
                ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
            assertThat(check.next()).isTrue();
            assertThat(check.getString(1)).isEqualTo("ok");
        }
    }
}
