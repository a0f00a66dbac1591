package org.citebot.app;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.citebot.backend.SearchBackend;
import org.citebot.config.CitebotConfig;
import org.citebot.index.CorpusChanges;
import org.citebot.index.IndexInUseException;
import org.citebot.index.IndexOwner;
import org.citebot.index.IndexSettings;
import org.citebot.index.ReadOnlyIndex;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.PassageSearch;
import org.citebot.search.SearchSettings;

/**
 * How {@code citebot search} reaches the index without getting in anyone's way. A built, current
 * index is opened read-only, so any number of searches run beside each other and beside the bot,
 * the console or {@code citebot index}. Only a missing or outdated index is opened for writing, to
 * build it as before; when another process holds it, the search waits while that process builds
 * it, and otherwise answers from what is there. Either way it says in {@link #notes()} when the
 * answers may be stale. On SolrCloud ({@code search.backend: solr}) it searches the shared collection.
 */
public final class SearchAccess implements Closeable {

    static final String COMMAND = "citebot search";

    private final PassageSearch search;
    private final Closeable resource;
    private final List<String> notes;

    private SearchAccess(PassageSearch search, Closeable resource, List<String> notes) {
        this.search = search;
        this.resource = resource;
        this.notes = List.copyOf(notes);
    }

    /**
     * Opens the configured index for searching.
     *
     * @param patience how long to wait for another process that is building the index
     * @param waiting hears once that this search waits, and for whom
     * @throws NoSuchFileException when the index must be built and the corpus folder is missing
     * @throws IndexInUseException when there is no usable index and another process holds it
     *     without building it, or did not finish within {@code patience}
     */
    public static SearchAccess open(
            CitebotConfig config, Clock clock, Duration patience, Consumer<IndexInUseException> waiting)
            throws IOException {
        if (config.search().backend().equals(CitebotConfig.Search.SOLR)) {
            return shared(config, clock);
        }
        long started = System.nanoTime();
        Consumer<IndexInUseException> once = new Consumer<>() {
            private boolean told;

            @Override
            public void accept(IndexInUseException busy) {
                if (!told) {
                    told = true;
                    waiting.accept(busy);
                }
            }
        };
        while (true) {
            Optional<ReadOnlyIndex> existing = ReadOnlyIndex.open(config.index().dir(), IndexSettings.defaults());
            Optional<SearchAccess> opened;
            try {
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                opened = attempt(existing, config, clock, waited, patience, once);
            } catch (IOException | RuntimeException e) {
                closeQuietly(existing);
                throw e;
            }
            if (opened.isPresent()) {
                return opened.get();
            }
            closeQuietly(existing);
            SearchEngine.pause();
        }
    }

    /**
     * The search over SolrCloud, which every process shares: nothing to wait for, and built from the
     * corpus first when the collection is empty, as the bot would at start.
     */
    private static SearchAccess shared(CitebotConfig config, Clock clock) throws IOException {
        SearchBackend backend = SearchBackends.open(config, clock, COMMAND, Duration.ZERO, busy -> {});
        try {
            backend.ensureBuilt();
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
        return new SearchAccess(backend.search(), backend, List.of());
    }

    /**
     * One look at the index: the search when it can be served, or empty (after telling {@code
     * waiting}) when another process is still building it and it is worth looking again.
     */
    private static Optional<SearchAccess> attempt(
            Optional<ReadOnlyIndex> existing,
            CitebotConfig config,
            Clock clock,
            Duration waited,
            Duration patience,
            Consumer<IndexInUseException> waiting)
            throws IOException {
        if (existing.isPresent()
                && !existing.get().needsRebuild()
                && existing.get().metadata().documents() > 0) {
            return Optional.of(readOnly(existing.get(), config, List.of()));
        }
        if (!Files.isDirectory(config.corpus().dir())) {
            // Checked before the writer creates an empty index folder for nothing.
            throw new NoSuchFileException(config.corpus().dir().toString(), null, "the corpus folder does not exist");
        }
        SearchEngine engine;
        try {
            engine = SearchEngine.open(config, clock, COMMAND);
        } catch (IndexInUseException busy) {
            boolean holderServes =
                    busy.owner().filter(owner -> !owner.building()).isPresent();
            if (existing.isPresent()
                    && (holderServes || existing.get().metadata().documents() > 0)) {
                return Optional.of(readOnly(existing.get(), config, List.of(unusable(existing.get(), busy))));
            }
            if (!SearchEngine.worthWaiting(busy, waited, patience)) {
                throw busy;
            }
            waiting.accept(busy);
            return Optional.empty();
        }
        closeQuietly(existing);
        try {
            engine.ensureBuilt();
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
        return Optional.of(new SearchAccess(engine.search(), engine, List.of()));
    }

    /** Why the index another process holds cannot serve as it should. */
    private static String unusable(ReadOnlyIndex existing, IndexInUseException busy) throws IOException {
        String holder = busy.owner().map(IndexOwner::describe).orElse("another process");
        if (existing.needsRebuild()) {
            return "the index was written by an older citebot (index schema "
                    + existing.metadata().schemaVersion() + ") and " + holder
                    + " holds it; answers may be incomplete until it is rebuilt there (/reindex)";
        }
        return "the index holds no documents: the corpus was empty when " + holder + " last indexed it";
    }

    private static SearchAccess readOnly(ReadOnlyIndex index, CitebotConfig config, List<String> known)
            throws IOException {
        List<String> notes = new ArrayList<>(known);
        staleness(index, config).ifPresent(notes::add);
        // Only questions are embedded here; the shared model needs no vector cache and nothing to close.
        return new SearchAccess(
                new LuceneSearchService(
                        index,
                        SearchSettings.defaults(),
                        SemanticModel.open(config, false).model()),
                index,
                notes);
    }

    /** Whether the corpus changed since the index was last brought in line with it, said plainly. */
    static Optional<String> staleness(ReadOnlyIndex index, CitebotConfig config) throws IOException {
        Path corpus = config.corpus().dir();
        CorpusChanges changes;
        try {
            changes = CorpusChanges.since(corpus, config.index().dir(), index);
        } catch (NoSuchFileException e) {
            return Optional.of("the corpus folder " + corpus.toAbsolutePath()
                    + " does not exist, so these answers come from the index as it was last built");
        }
        if (changes.none()) {
            return Optional.empty();
        }
        String update = IndexOwner.readFrom(config.index().dir())
                .map(owner -> "until " + owner.describe() + " reindexes it (/reindex in Discord or at its console)")
                .orElse("until the index is updated (citebot index)");
        return Optional.of("the corpus changed since the index was built (" + changes.describe()
                + "); these answers may be stale " + update);
    }

    /** The search over the opened index. */
    public PassageSearch search() {
        return search;
    }

    /** What the user should know about the answers (stale, older index), one sentence each; often none. */
    public List<String> notes() {
        return notes;
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }

    private static void closeQuietly(Optional<ReadOnlyIndex> index) {
        index.ifPresent(open -> {
            try {
                open.close();
            } catch (IOException e) {
                // Only read from; nothing is lost.
            }
        });
    }
}
