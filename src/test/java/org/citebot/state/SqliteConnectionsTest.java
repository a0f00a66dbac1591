package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Switching a SQLite file to WAL while other connections open it: SQLite answers SQLITE_BUSY at
 * once there, without its busy handler, when the connection would otherwise risk a deadlock (four
 * connections opening a new file together failed so in 5 of 300 rounds here). The race cannot be
 * provoked on demand, so the statement is a stand-in that answers as SQLite did.
 */
class SqliteConnectionsTest {

    @Test
    void switchToWal_busyTwice_triesAgainUntilItSwitches() throws Exception {
        List<String> executed = new ArrayList<>();
        Statement statement = answering(executed, SQLiteErrorCode.SQLITE_BUSY, SQLiteErrorCode.SQLITE_BUSY);

        SqliteConnections.switchToWal(statement);

        assertThat(executed)
                .containsExactly("PRAGMA journal_mode=WAL", "PRAGMA journal_mode=WAL", "PRAGMA journal_mode=WAL");
    }

    @Test
    void switchToWal_anotherError_isNotRetried() {
        List<String> executed = new ArrayList<>();
        Statement statement = answering(executed, SQLiteErrorCode.SQLITE_CORRUPT);

        assertThatThrownBy(() -> SqliteConnections.switchToWal(statement))
                .isInstanceOfSatisfying(SQLiteException.class, e -> assertThat(e.getResultCode())
                        .isEqualTo(SQLiteErrorCode.SQLITE_CORRUPT));
        assertThat(executed).hasSize(1);
    }

    /** A statement whose executions fail with {@code errors} in turn, then succeed. */
    private static Statement answering(List<String> executed, SQLiteErrorCode... errors) {
        return (Statement) Proxy.newProxyInstance(
                SqliteConnectionsTest.class.getClassLoader(),
                new Class<?>[] {Statement.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("execute")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    executed.add((String) args[0]);
                    if (executed.size() <= errors.length) {
                        SQLiteErrorCode error = errors[executed.size() - 1];
                        throw new SQLiteException(error.message, error);
                    }
                    return false;
                });
    }
}
