package org.citebot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citebot.eval.beir.CitebotProfile;
import org.citebot.eval.beir.EvalDocument;
import org.citebot.eval.beir.RankedRun;
import org.citebot.eval.beir.ScoredDocument;
import org.citebot.eval.beir.TestCollection;
import org.citebot.eval.beir.Topic;
import org.citebot.eval.beir.TrecEval;
import org.citebot.index.IndexSettings;
import org.citebot.search.SearchSettings;

/**
 * nDCG@10 on SciFact for citebot (its eval profile, ten documents deep, which is all nDCG@10 reads)
 * and for SQLite FTS5: the 5,183 abstracts in an FTS5 table {@code (docid UNINDEXED, title, body)}
 * with the {@code porter unicode61} tokenizer, each topic's words OR-ed as the speed benchmark asks
 * them, ranked by {@code bm25()}; both scored by {@link TrecEval} like {@code citebot eval}.
 */
final class SciFactQuality {

    static final int DEPTH = 10;

    private final TestCollection scifact;
    private final Clock clock;

    SciFactQuality(TestCollection scifact, Clock clock) {
        this.scifact = scifact;
        this.clock = clock;
    }

    QualityFigures measure(Path workDir) throws IOException {
        Path dir = Files.createTempDirectory(workDir, "scifact-");
        try {
            CitebotProfile citebot =
                    new CitebotProfile("citebot", IndexSettings.defaults(), SearchSettings.defaults(), clock, DEPTH);
            RankedRun citebotRun = citebot.run(scifact, Files.createDirectory(dir.resolve("citebot")));
            RankedRun fts5Run = fts5Run(dir.resolve("fts5.db"));
            return new QualityFigures(
                    scifact.name(),
                    scifact.judgements().queryIds().size(),
                    TrecEval.evaluate(scifact.judgements(), citebotRun, scifact.averaging())
                            .ndcgAt10(),
                    TrecEval.evaluate(scifact.judgements(), fts5Run, scifact.averaging())
                            .ndcgAt10());
        } finally {
            SpeedBenchmark.deleteRecursively(dir);
        }
    }

    private RankedRun fts5Run(Path file) throws IOException {
        try (Connection connection = Fts5Engine.connect(file)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        "CREATE VIRTUAL TABLE docs USING fts5(docid UNINDEXED, title, body, tokenize='porter unicode61')");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO docs VALUES (?, ?, ?)")) {
                for (EvalDocument document : scifact.documents()) {
                    insert.setString(1, document.id());
                    insert.setString(2, document.title());
                    insert.setString(3, document.text());
                    insert.executeUpdate();
                }
            }
            connection.commit();
            Map<String, List<ScoredDocument>> byQuery = new LinkedHashMap<>();
            // One more than needed: a hit that is the query's own document is dropped, as in eval.
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT docid, bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT " + (DEPTH + 1))) {
                for (Topic topic : scifact.topics()) {
                    String expression = Fts5Engine.matchExpression(topic.text());
                    List<ScoredDocument> hits = new ArrayList<>();
                    if (!expression.isEmpty()) {
                        query.setString(1, expression);
                        try (ResultSet rows = query.executeQuery()) {
                            while (rows.next() && hits.size() < DEPTH) {
                                String docId = rows.getString(1);
                                if (!docId.equals(topic.id())) {
                                    // bm25() is lower for better matches.
                                    hits.add(new ScoredDocument(docId, -rows.getDouble(2)));
                                }
                            }
                        }
                    }
                    byQuery.put(topic.id(), hits);
                }
            }
            return new RankedRun(byQuery);
        } catch (SQLException e) {
            throw new IOException("SciFact in SQLite FTS5 failed: " + e.getMessage(), e);
        }
    }

    /** The SQLite library's version, for the report. */
    static String sqliteVersion() {
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT sqlite_version()")) {
            return row.next() ? row.getString(1) : "?";
        } catch (SQLException e) {
            return "? (" + e.getMessage() + ")";
        }
    }
}
