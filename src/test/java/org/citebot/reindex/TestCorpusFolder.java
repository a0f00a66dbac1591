package org.citebot.reindex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.index.CorpusIndexer;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;
import org.citebot.search.SearchSettings;

/**
 * A corpus folder of generated plain-text articles for reindex tests. Every article mentions
 * "meridian", so a search for it always has answers; article {@code n} also carries the made-up
 * word {@code tokenN} (or {@code revisedN} once changed), so a test can tell which version serves.
 */
public final class TestCorpusFolder {

    private final Path dir;

    public TestCorpusFolder(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public static String name(int n) {
        return String.format("article_%03d", n);
    }

    /** Writes articles {@code from} to {@code to} (inclusive), in subfolders of ten. */
    public TestCorpusFolder write(int from, int to, int paragraphs) {
        for (int n = from; n <= to; n++) {
            write(n, "token" + n, paragraphs);
        }
        return this;
    }

    /** Rewrites article {@code n} so it carries {@code revisedN} instead of {@code tokenN}. */
    public TestCorpusFolder revise(int n) {
        return write(n, "revised" + n, 3);
    }

    public TestCorpusFolder remove(int n) {
        try {
            Files.delete(file(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path file(int n) {
        return dir.resolve("part" + n / 10).resolve(name(n) + ".txt");
    }

    public void deleteAll() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private TestCorpusFolder write(int n, String marker, int paragraphs) {
        StringBuilder text = new StringBuilder("Report number " + n + " on the meridian survey\n\n");
        for (int p = 0; p < paragraphs; p++) {
            text.append("The meridian survey team measured paragraph ")
                    .append(p)
                    .append(" of article ")
                    .append(n)
                    .append(" and recorded ")
                    .append(marker)
                    .append(" in the field notes. ");
            for (int w = 0; w < 6; w++) {
                text.append("Careful observers compared the coastal stations, the inland beacons and the old charts ")
                        .append("before they agreed on a position. ");
            }
            text.append("\n\n");
        }
        try {
            Files.createDirectories(file(n).getParent());
            Files.writeString(file(n), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** An open index, its indexer over this folder, and a search service: what the bot wires. */
    public record Stack(PassageIndex index, CorpusIndexer indexer, LuceneSearchService search)
            implements AutoCloseable {

        public static Stack open(Path indexDir) throws IOException {
            PassageIndex index = PassageIndex.open(indexDir, IndexSettings.defaults(), Clock.systemUTC());
            CorpusIndexer indexer =
                    new CorpusIndexer(new CorpusReader(CorpusOptions.defaults()), new PassageSplitter(), index);
            return new Stack(index, indexer, new LuceneSearchService(index, SearchSettings.defaults()));
        }

        public SearchResults search(String query) {
            return search.search(SearchRequest.of(query, 10));
        }

        /** The passage ids a search answers with, in rank order. */
        public List<String> answers(String query) {
            List<String> ids = new ArrayList<>();
            search(query).hits().forEach(hit -> ids.add(hit.passage().id()));
            return ids;
        }

        @Override
        public void close() throws IOException {
            index.close();
        }
    }
}
