package org.citebot.app;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.citebot.backend.SearchBackend;
import org.citebot.config.CitebotConfig;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.digest.DigestCorpus;
import org.citebot.digest.IndexDigestCorpus;
import org.citebot.index.CorpusChanges;
import org.citebot.index.CorpusIndexer;
import org.citebot.index.CorpusVocabulary;
import org.citebot.index.IndexInUseException;
import org.citebot.index.IndexOwner;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.passages.AddedDocuments;
import org.citebot.passages.Audience;
import org.citebot.passages.CorpusIndexReport;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.QueryNormalizer;
import org.citebot.search.SearchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded search backend, citebot's search half with the index open for writing: the on-disk
 * Lucene index, the indexer that fills it from the corpus, and the search service over it. The bot, the console and {@code
 * citebot index} hold one; only one process at a time can, and it records itself in the index
 * folder ({@link IndexOwner}) so the others can say who it is. {@code citebot search} reads
 * through {@link SearchAccess} instead and needs this only to build a missing index.
 */
public final class SearchEngine implements SearchBackend {

    private static final Logger LOG = LoggerFactory.getLogger(SearchEngine.class);

    /** How often a process waiting for another's build looks again. */
    static final Duration WAIT_STEP = Duration.ofMillis(200);

    private final CitebotConfig config;
    private final PassageIndex index;
    /** Replaced once, before the first corpus run, when the store of added articles is known. */
    private volatile CorpusIndexer indexer;

    private final LuceneSearchService search;
    private final SemanticModel semantic;
    private volatile IndexOwner owner;

    private SearchEngine(CitebotConfig config, PassageIndex index, IndexOwner owner, SemanticModel semantic) {
        this.config = config;
        this.index = index;
        this.semantic = semantic;
        this.owner = owner;
        this.indexer = new CorpusIndexer(
                new CorpusReader(new CorpusOptions(
                        config.corpus().maxFileBytes(), config.corpus().fileTimeout())),
                new PassageSplitter(),
                index);
        this.search = new LuceneSearchService(index, SearchSettings.defaults(), semantic.model());
    }

    /** Opens (or creates) the index at the configured place for writing, as plain {@code citebot}. */
    public static SearchEngine open(CitebotConfig config, Clock clock) throws IOException {
        return open(config, clock, "citebot");
    }

    /**
     * Opens (or creates) the index at the configured place for writing, recording this process in
     * the index folder as {@code command} (e.g. {@code citebot index}) until {@link #close()}.
     *
     * @throws IndexInUseException when another process holds the index
     */
    public static SearchEngine open(CitebotConfig config, Clock clock, String command) throws IOException {
        IndexOwner owner = IndexOwner.thisProcess(command, true, clock);
        SemanticModel semantic = SemanticModel.open(config, true);
        try {
            PassageIndex index = IndexOwner.claim(
                    config.index().dir(), IndexSettings.defaults(), clock, owner, semantic.passageEmbedder());
            return new SearchEngine(config, index, owner, semantic);
        } catch (IOException | RuntimeException e) {
            semantic.close();
            throw e;
        }
    }

    /**
     * Like {@link #open(CitebotConfig, Clock, String)}, but while the holder is only building the
     * index (a first {@code citebot search}, {@code citebot index}, or a bot starting up) waits for
     * it to finish, up to {@code patience}; {@code waiting} hears once that it waits and for whom.
     *
     * @throws IndexInUseException at once when the holder serves (a running bot or console), or
     *     when {@code patience} ran out
     */
    public static SearchEngine openWhenFree(
            CitebotConfig config, Clock clock, String command, Duration patience, Consumer<IndexInUseException> waiting)
            throws IOException {
        long started = System.nanoTime();
        boolean told = false;
        while (true) {
            try {
                return open(config, clock, command);
            } catch (IndexInUseException busy) {
                if (!worthWaiting(busy, Duration.ofNanos(System.nanoTime() - started), patience)) {
                    throw busy;
                }
                if (!told) {
                    waiting.accept(busy);
                    told = true;
                }
                pause();
            }
        }
    }

    /**
     * A holder that is building lets go or starts serving soon; one that serves keeps the index. A
     * holder that has not recorded itself yet counts as building: it records itself right after
     * taking the lock, though on a busy machine opening the index first can take seconds.
     */
    static boolean worthWaiting(IndexInUseException busy, Duration waited, Duration patience) {
        return busy.owner().map(IndexOwner::building).orElse(true) && waited.compareTo(patience) < 0;
    }

    /** Waits one {@link #WAIT_STEP} before looking at another process's index again. */
    static void pause() throws InterruptedIOException {
        try {
            Thread.sleep(WAIT_STEP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the index");
        }
    }

    /**
     * Builds the index from the corpus when it is empty or was written by an older schema, so a new
     * install answers at once; afterwards this process is recorded as serving, not building.
     *
     * @return the report when it built, else empty
     * @throws NoSuchFileException when it must build and the corpus folder does not exist
     */
    @Override
    public Optional<CorpusIndexReport> ensureBuilt() throws IOException {
        Optional<CorpusIndexReport> report = SearchBackends.buildWhenMissing(
                this, config.corpus().dir(), "the index at " + config.index().dir());
        owner = owner.withBuilding(false);
        owner.writeTo(config.index().dir());
        return report;
    }

    /**
     * Notes that a reindex which started reading the corpus at {@code startedAt} is now in the
     * index (even when it changed nothing), so {@link CorpusChanges} compares against it. Failing
     * to note it only makes later stale warnings more cautious, so it never fails the caller.
     */
    @Override
    public void recordCorpusScan(Instant startedAt) {
        try {
            CorpusChanges.recordScan(config.index().dir(), startedAt);
        } catch (IOException e) {
            LOG.warn(
                    "Could not record the corpus scan in {}: {}", config.index().dir(), e.toString());
        }
    }

    /**
     * Makes every corpus run from now on take in the articles added by URL from {@code added}, so
     * a rebuild re-creates them from their store; called before {@link #ensureBuilt()}.
     */
    @Override
    public void includeAdded(AddedDocuments added) {
        indexer = indexer.including(added);
    }

    /** The indexer over this engine's index, for the reindex service. */
    public CorpusIndexer indexer() {
        return indexer;
    }

    @Override
    public CorpusIndexer corpus() {
        return indexer;
    }

    /** The Lucene index beneath, for the command line's owner records and tests that look beneath. */
    public PassageIndex index() {
        return index;
    }

    @Override
    public PassageIndex store() {
        return index;
    }

    @Override
    public LuceneSearchService search() {
        return search;
    }

    @Override
    public QueryNormalizer normalizer() {
        return search;
    }

    @Override
    public List<String> sharedSections() throws IOException {
        return CorpusVocabulary.read(index).sections();
    }

    @Override
    public DigestCorpus digestCorpus(Function<String, Audience> audiences) {
        return new IndexDigestCorpus(() -> index, audiences);
    }

    /** Never: the index is inside this process, open for as long as the engine is. */
    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    /** The semantic model this engine embeds with; none in lexical mode. */
    public SemanticModel semantic() {
        return semantic;
    }

    @Override
    public void close() throws IOException {
        // Removed while the lock is still held, so a record written by the next holder is never removed.
        try {
            IndexOwner.removeFrom(config.index().dir());
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the index owner record: {}", e.toString());
        }
        try {
            index.close();
        } finally {
            semantic.close();
        }
    }
}
