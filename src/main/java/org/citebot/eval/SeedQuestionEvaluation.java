package org.citebot.eval;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.index.CorpusIndexer;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.passages.CorpusIndexReport;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.SearchSettings;
import org.citebot.semantic.PassageEmbedder;

/**
 * Scores citebot's own labelled questions against the seed corpus the way the bot would answer
 * them: the real files read, split and indexed by {@link CorpusIndexer} into a fresh {@link
 * PassageIndex} and searched by {@link LuceneSearchService}, with the settings the bot is given.
 * Used by {@code citebot eval --seeds}.
 */
public final class SeedQuestionEvaluation {

    private final CorpusReader reader;
    private final PassageSplitter splitter;
    private final IndexSettings indexSettings;
    private final SearchSettings searchSettings;
    private final Clock clock;
    private final Optional<PassageEmbedder> semantic;

    /** A lexical evaluation. */
    public SeedQuestionEvaluation(
            CorpusReader reader,
            PassageSplitter splitter,
            IndexSettings indexSettings,
            SearchSettings searchSettings,
            Clock clock) {
        this(reader, splitter, indexSettings, searchSettings, clock, Optional.empty());
    }

    /** A hybrid evaluation when {@code semantic} is present: passages embedded by it, questions fused. */
    public SeedQuestionEvaluation(
            CorpusReader reader,
            PassageSplitter splitter,
            IndexSettings indexSettings,
            SearchSettings searchSettings,
            Clock clock,
            Optional<PassageEmbedder> semantic) {
        this.semantic = semantic;
        this.reader = reader;
        this.splitter = splitter;
        this.indexSettings = indexSettings;
        this.searchSettings = searchSettings;
        this.clock = clock;
    }

    /** The outcome: the scores and what was indexed to get them. */
    public record SeedResult(QuestionScore score, int documents, int passages, long tookMillis) {}

    /**
     * Indexes {@code seedsDir} into {@code indexDir} (an empty folder) and asks every question of
     * {@code questions}.
     *
     * @throws NoSuchFileException when {@code seedsDir} is not a folder
     */
    public SeedResult measure(Path seedsDir, Path indexDir, List<LabelledQuestion> questions) throws IOException {
        long started = System.nanoTime();
        try (PassageIndex index = PassageIndex.open(indexDir, indexSettings, clock, semantic)) {
            CorpusIndexReport indexed = new CorpusIndexer(reader, splitter, index).index(seedsDir, true);
            QuestionScore score = QuestionScore.measure(
                    new LuceneSearchService(index, searchSettings, semantic.map(PassageEmbedder::model)), questions);
            return new SeedResult(
                    score, indexed.documents(), indexed.passages(), (System.nanoTime() - started) / 1_000_000);
        }
    }
}
