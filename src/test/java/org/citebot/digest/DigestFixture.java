package org.citebot.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Passage;
import org.citebot.digest.DigestCorpus.CorpusDocument;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.passages.StoredPassage;
import org.citebot.questions.QueryLog;
import org.citebot.search.PassageSearch;
import org.citebot.search.SearchResults;
import org.citebot.state.SqlDigestRuns;
import org.citebot.state.SqlDigestSettingsStore;
import org.citebot.state.SqlGuildPreferences;
import org.citebot.state.SqlQueryLog;
import org.citebot.state.StateStore;

/**
 * A digest service over a real SQLite file, a small in-memory corpus, a controlled clock and a
 * recording poster. {@link #restart()} drops the service and opens the same file again, as a new
 * process would.
 */
final class DigestFixture implements AutoCloseable {

    static final String GUILD = "100000000000000001";
    static final String CHANNEL = "200000000000000001";
    static final String OTHER_GUILD = "100000000000000002";
    static final String OTHER_CHANNEL = "200000000000000002";
    static final String MOD_CHANNEL = "300000000000000001";

    final Path db;
    final MutableClock clock;
    final RecordingPoster poster;
    final List<CorpusDocument> documents = new ArrayList<>();
    final List<StoredPassage> passages = new ArrayList<>();
    /** While set, every read of the corpus finds the passage store down, as a Solr outage would. */
    final AtomicBoolean storeDown = new AtomicBoolean();

    Map<String, DigestSettings> defaults = Map.of();
    DigestService.Options options = new DigestService.Options(Duration.ofHours(6), false, 3, Optional.of(MOD_CHANNEL));
    /** The process's name on the shared database, and the guilds whose digests it runs. */
    String holder = SqlDigestRuns.ALONE;

    java.util.function.Predicate<String> owns = guild -> true;
    StateStore store;
    SqlGuildPreferences guildSettings;
    DigestService service;
    QueryLog queryLog;

    DigestFixture(Path dir, MutableClock clock) {
        this.db = dir.resolve("citebot.db");
        this.clock = clock;
        this.poster = new RecordingPoster(clock);
        for (int i = 0; i < 5; i++) {
            addDocument("doc" + i, "hash" + i);
        }
        open();
    }

    void addDocument(String id, String hash) {
        DocumentMetadata metadata = new DocumentMetadata(
                "Article " + id,
                Optional.of("Author"),
                Optional.of("Publisher"),
                Optional.of(LocalDate.of(2026, 1, 1)),
                Optional.of(URI.create("https://example.org/" + id)),
                "en");
        String text = "The first sentence of " + id + " explains what the negotiators wanted from the summit. "
                + "The second sentence adds that the talks lasted well into the night without agreement. "
                + "A third sentence, which a lead leaves out, says the delegations would meet again next month in Geneva.";
        documents.removeIf(d -> d.docId().equals(id));
        documents.add(new CorpusDocument(id, metadata, hash, text));
        passages.removeIf(p -> p.passage().docId().equals(id));
        passages.add(new StoredPassage(new Passage(id, 0, 1, Optional.empty(), text, 0, text.length()), metadata));
    }

    void open() {
        store = StateStore.open(db, clock);
        queryLog = new SqlQueryLog(store);
        guildSettings = new SqlGuildPreferences(store);
        DigestRuns runs = new SqlDigestRuns(store, holder, SqlDigestRuns.SEND_LEASE);
        PassageSearch search =
                request -> new SearchResults(request.query(), 0, false, 0, List.of(), 0, List.of(), List.of());
        DigestCorpus corpus = new OutageCorpus(new MemoryDigestCorpus(documents, passages), storeDown);
        service = new DigestService(
                new SqlDigestSettingsStore(store),
                runs,
                new DigestComposer(corpus, queryLog, search, runs),
                defaults,
                options,
                guildSettings::logChannel,
                owns,
                clock);
        service.attach(poster);
    }

    /** A new process on the same database file. */
    void restart() {
        store.close();
        open();
    }

    DigestSettings setup(String guild, String channel, String time, String zone) {
        return service.setup(guild, channel, LocalTime.parse(time), ZoneId.of(zone), DigestSection.all());
    }

    DigestRuns runs() {
        return new SqlDigestRuns(store);
    }

    @Override
    public void close() {
        store.close();
    }

    /** The corpus, or the store's outage while {@code down} is set. */
    private record OutageCorpus(DigestCorpus corpus, AtomicBoolean down) implements DigestCorpus {

        @Override
        public Map<String, String> contentHashes() {
            return available().contentHashes();
        }

        @Override
        public Map<String, DocumentMetadata> metadata(Collection<String> docIds) {
            return available().metadata(docIds);
        }

        @Override
        public String opening(String docId) {
            return available().opening(docId);
        }

        @Override
        public List<StoredPassage> passageSample(String seed, int size) {
            return available().passageSample(seed, size);
        }

        private DigestCorpus available() {
            if (down.get()) {
                // Wrapped, as an engine's I/O may wrap it on the way up.
                throw new UncheckedIOException(new IOException(
                        new StoreUnavailableException("SolrCloud (ZooKeeper at zk1:2181) does not answer")));
            }
            return corpus;
        }
    }
}
