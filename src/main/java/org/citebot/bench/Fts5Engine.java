package org.citebot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.citebot.corpus.Passage;
import org.citebot.passages.IndexedDocument;

/**
 * The SQLite baseline: an FTS5 table {@code (pid UNINDEXED, title, body)} with the {@code porter
 * unicode61} tokenizer, filled in one transaction, and queries that OR the query's words (each
 * quoted, so nothing in a query is FTS5 syntax; Lucene's 33 English stop words left out as citebot's
 * analyzer leaves them out) ranked by FTS5's {@code bm25()}, top 5 with the stored text. With
 * {@code snippet} each hit also gets FTS5's {@code snippet()} of the body, the "same work" comparison.
 * SQLite connections are not shared between threads, so every searching thread opens its own.
 */
final class Fts5Engine implements BenchEngine {

    static final String FILE = "fts5.db";

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final boolean snippet;

    Fts5Engine(boolean snippet) {
        this.snippet = snippet;
    }

    @Override
    public String name() {
        return snippet ? "fts5+snippet" : "fts5";
    }

    static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    @Override
    public void index(BenchCorpus corpus, Path dir) throws IOException {
        try (Connection connection = connect(dir.resolve(FILE))) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        "CREATE VIRTUAL TABLE passages USING fts5(pid UNINDEXED, title, body, tokenize='porter unicode61')");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO passages(pid, title, body) VALUES (?, ?, ?)")) {
                for (IndexedDocument document : corpus.documents()) {
                    String title = document.document().metadata().title();
                    for (Passage passage : document.passages()) {
                        insert.setString(1, passage.id());
                        insert.setString(2, title);
                        insert.setString(3, passage.text());
                        insert.executeUpdate();
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IOException("indexing into SQLite FTS5 failed: " + e.getMessage(), e);
        }
    }

    @Override
    public OpenedSearch open(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no FTS5 database at " + file);
        }
        String sql = snippet
                ? "SELECT pid, title, body, snippet(passages, 2, '**', '**', '…', 48) FROM passages"
                        + " WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT " + CitebotEngine.RESULTS
                : "SELECT pid, title, body FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT "
                        + CitebotEngine.RESULTS;
        return new OpenedSearch() {
            @Override
            public QuerySession session() throws IOException {
                try {
                    return new Session(connect(file), sql);
                } catch (SQLException e) {
                    throw new IOException("cannot open " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {}
        };
    }

    /**
     * The FTS5 query for what a user typed: its words lower-cased, without the English stop words,
     * each quoted, OR-ed; empty when no word is left.
     */
    static String matchExpression(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && !EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word)) {
                words.add(word);
            }
        }
        StringBuilder expression = new StringBuilder();
        for (String word : words) {
            if (expression.length() > 0) {
                expression.append(" OR ");
            }
            expression.append('"').append(word.replace("\"", "\"\"")).append('"');
        }
        return expression.toString();
    }

    /** One connection and its prepared query, for one thread. */
    private static final class Session implements QuerySession {

        private final Connection connection;
        private final PreparedStatement query;

        Session(Connection connection, String sql) throws SQLException {
            this.connection = connection;
            try {
                this.query = connection.prepareStatement(sql);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public int search(String text) throws IOException {
            String expression = matchExpression(text);
            if (expression.isEmpty()) {
                return 0;
            }
            try {
                query.setString(1, expression);
                int hits = 0;
                try (ResultSet rows = query.executeQuery()) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            if (rows.getString(column) == null) {
                                throw new IllegalStateException("FTS5 returned a hit without column " + column);
                            }
                        }
                        hits++;
                    }
                }
                return hits;
            } catch (SQLException e) {
                throw new IOException("FTS5 query failed for " + expression + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }
}
