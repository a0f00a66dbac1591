package org.citebot.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.CorpusSnapshot;
import org.citebot.corpus.PassageSplitter;
import org.citebot.corpus.SourceDocument;
import org.citebot.index.IndexSettings;
import org.citebot.index.IndexedDocument;
import org.citebot.index.PassageIndex;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.SearchSettings;

/**
 * Scores citebot's own labelled questions against the seed corpus the way the bot would answer
 * them: the real files read by {@link CorpusReader}, split by {@link PassageSplitter}, indexed in a
 * fresh {@link PassageIndex} and searched by {@link LuceneSearchService}, all with default settings.
 * Used by {@code citebot eval --seeds}.
 */
public final class SeedQuestionEvaluation {

    private final CorpusReader reader;
    private final PassageSplitter splitter;
    private final IndexSettings indexSettings;
    private final SearchSettings searchSettings;
    private final Clock clock;

    public SeedQuestionEvaluation(CorpusReader reader, PassageSplitter splitter, IndexSettings indexSettings,
            SearchSettings searchSettings, Clock clock) {
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
        if (!Files.isDirectory(seedsDir)) {
            throw new NoSuchFileException(seedsDir.toString(), null, "the seeds folder does not exist");
        }
        long started = System.nanoTime();
        CorpusSnapshot snapshot = reader.read(seedsDir);
        List<IndexedDocument> documents = new ArrayList<>();
        int passages = 0;
        for (SourceDocument document : snapshot.documents()) {
            IndexedDocument indexed = new IndexedDocument(document, splitter.split(document));
            passages += indexed.passages().size();
            documents.add(indexed);
        }
        try (PassageIndex index = PassageIndex.open(indexDir, indexSettings, clock)) {
            index.rebuild(documents);
            QuestionScore score = QuestionScore.measure(new LuceneSearchService(index, searchSettings), questions);
            return new SeedResult(score, documents.size(), passages, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
