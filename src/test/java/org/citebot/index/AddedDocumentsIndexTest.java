package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.index.TestCorpus.Para;
import org.citebot.passages.AddedDocuments;
import org.citebot.passages.Audience;
import org.citebot.passages.CorpusIndexReport;
import org.citebot.passages.DocumentOrigin;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.UpdateReport;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.SearchFilters;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Articles added by URL in the index: one is written alone without touching the rest, a corpus
 * run never deletes one (nor an added one a corpus file), a rebuild re-creates them from their
 * store, and each server sees only its own.
 */
class AddedDocumentsIndexTest {

    private static final String SERVER_A = "111111111111111111";
    private static final String SERVER_B = "222222222222222222";

    @TempDir
    Path dir;

    private Path corpus;
    private PassageIndex index;
    private final Map<String, IndexedDocument> store = new LinkedHashMap<>();

    /** The store of added documents as the index sees it, kept in this test's memory. */
    private final AddedDocuments added = new AddedDocuments() {
        @Override
        public Map<String, String> contentHashes() {
            Map<String, String> hashes = new LinkedHashMap<>();
            store.forEach((id, document) -> hashes.put(id, document.document().contentHash()));
            return hashes;
        }

        @Override
        public Optional<IndexedDocument> document(String docId) {
            return Optional.ofNullable(store.get(docId));
        }
    };

    @BeforeEach
    void setUp() throws IOException {
        corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(
                corpus.resolve("notes.txt"),
                "The survey team recorded the word pelican in its field notes on the northern coast.\n");
        index = PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws IOException {
        index.close();
    }

    private CorpusIndexer indexer() {
        return new CorpusIndexer(new CorpusReader(CorpusOptions.defaults()), new PassageSplitter(), index);
    }

    private static IndexedDocument article(String id, String word, Optional<String> server) {
        IndexedDocument plain = TestCorpus.document(
                id,
                TestCorpus.metadata(
                        "Article about " + word, null, "Example", "2026-01-02", "https://example.org/" + id),
                Para.of("A long report on the " + word + " and what the coastal villages made of it."));
        return new IndexedDocument(plain.document(), plain.passages(), DocumentOrigin.added(server));
    }

    private long hits(String word, SearchFilters filters) {
        return new LuceneSearchService(index, SearchSettings.defaults())
                .search(new SearchRequest(word, filters, 0, 10))
                .totalHits();
    }

    private long hits(String word) {
        return hits(word, SearchFilters.NONE);
    }

    @Test
    void patch_oneAddedArticle_writesItAloneAndLeavesTheCorpusFiles() throws IOException {
        indexer().index(corpus, false);

        UpdateReport report = index.patch(List.of(article("web-1", "walrus", Optional.of(SERVER_A))), List.of());

        assertThat(report.added()).containsExactly("web-1");
        assertThat(report.deleted()).isEmpty();
        assertThat(hits("pelican")).isEqualTo(1);
        assertThat(hits("walrus")).isEqualTo(1);
        assertThat(index.metadata().documents()).isEqualTo(2);
        assertThat(index.metadata().passages()).isEqualTo(2);
        assertThat(index.documents())
                .filteredOn(d -> d.docId().equals("web-1"))
                .singleElement()
                .extracting(DocumentSummary::origin)
                .isEqualTo(DocumentOrigin.added(Optional.of(SERVER_A)));
    }

    @Test
    void patch_removal_deletesOnlyThatArticle() throws IOException {
        indexer().index(corpus, false);
        index.patch(
                List.of(article("web-1", "walrus", Optional.empty()), article("web-2", "narwhal", Optional.empty())),
                List.of());

        UpdateReport report = index.patch(List.of(), List.of("web-1", "never-indexed"));

        assertThat(report.deleted()).containsExactly("web-1");
        assertThat(hits("walrus")).isZero();
        assertThat(hits("narwhal")).isEqualTo(1);
        assertThat(hits("pelican")).isEqualTo(1);
        assertThat(index.metadata().documents()).isEqualTo(2);
    }

    @Test
    void corpusRunWithoutTheStore_keepsAddedArticlesItDoesNotKnow() throws IOException {
        indexer().index(corpus, false);
        index.patch(List.of(article("web-1", "walrus", Optional.empty())), List.of());
        Files.writeString(corpus.resolve("more.txt"), "A second file about the lighthouse keeper and his logbook.\n");

        CorpusIndexReport report = indexer().index(corpus, false);

        assertThat(report.update().deleted()).isEmpty();
        assertThat(hits("walrus")).isEqualTo(1);
        assertThat(hits("lighthouse")).isEqualTo(1);
        assertThat(index.metadata().documents()).isEqualTo(3);
    }

    @Test
    void corpusRunWithTheStore_keepsUnchangedAddsNewAndRemovesWhatTheStoreDropped() throws IOException {
        store.put("web-1", article("web-1", "walrus", Optional.empty()));
        store.put("web-2", article("web-2", "narwhal", Optional.empty()));
        indexer().including(added).index(corpus, false);
        store.remove("web-1");
        store.put("web-3", article("web-3", "albatross", Optional.empty()));

        CorpusIndexReport report = indexer().including(added).index(corpus, false);

        assertThat(report.update().unchanged()).contains("web-2", "notes");
        assertThat(report.update().added()).containsExactly("web-3");
        assertThat(report.update().deleted()).containsExactly("web-1");
        assertThat(hits("walrus")).isZero();
        assertThat(hits("albatross")).isEqualTo(1);
    }

    @Test
    void fullRebuild_recreatesAddedArticlesFromTheStoreWithoutAnyFetch() throws IOException {
        store.put("web-1", article("web-1", "walrus", Optional.of(SERVER_A)));
        indexer().including(added).index(corpus, false);

        CorpusIndexReport report = indexer().including(added).index(corpus, true);

        assertThat(report.update().rebuilt()).isTrue();
        assertThat(report.update().replaced()).contains("web-1", "notes");
        assertThat(hits("walrus")).isEqualTo(1);
        assertThat(index.documents())
                .extracting(DocumentSummary::origin)
                .contains(DocumentOrigin.added(Optional.of(SERVER_A)));
    }

    @Test
    void lostIndexFolder_rebuiltFromCorpusAndStore() throws IOException {
        store.put("web-1", article("web-1", "walrus", Optional.empty()));
        indexer().including(added).index(corpus, false);
        index.close();
        deleteTree(dir.resolve("index"));
        index = PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), Clock.systemUTC());

        indexer().including(added).index(corpus, false);

        assertThat(hits("walrus")).isEqualTo(1);
        assertThat(hits("pelican")).isEqualTo(1);
    }

    @Test
    void audience_eachServerSeesCorpusAndItsOwnArticlesOnly() throws IOException {
        indexer().index(corpus, false);
        index.patch(
                List.of(
                        article("web-a", "walrus", Optional.of(SERVER_A)),
                        article("web-b", "walrus", Optional.of(SERVER_B)),
                        article("web-all", "walrus", Optional.empty())),
                List.of());

        assertThat(hits("walrus", SearchFilters.NONE.withAudience(Audience.in(Optional.of(SERVER_A)))))
                .isEqualTo(2);
        assertThat(hits("walrus", SearchFilters.NONE.withAudience(Audience.in(Optional.of(SERVER_B)))))
                .isEqualTo(2);
        assertThat(hits("walrus", SearchFilters.NONE.withAudience(Audience.in(Optional.empty()))))
                .as("a direct message sees what every server sees")
                .isEqualTo(1);
        assertThat(hits("pelican", SearchFilters.NONE.withAudience(Audience.in(Optional.of(SERVER_A)))))
                .isEqualTo(1);
        assertThat(hits("walrus", SearchFilters.NONE)).isEqualTo(3);
        CorpusReads reads = new CorpusReads(() -> index, new java.util.concurrent.atomic.LongAdder());
        assertThat(reads.contentHashes(Audience.in(Optional.of(SERVER_A))).keySet())
                .containsExactlyInAnyOrder("notes", "web-a", "web-all");
        assertThat(reads.passageSample("seed", 10, Audience.in(Optional.of(SERVER_B))))
                .extracting(p -> p.passage().docId())
                .containsExactlyInAnyOrder("notes", "web-b", "web-all");
    }

    @Test
    void patch_onIndexThatMustBeRebuilt_isRefused() throws IOException {
        indexer().index(corpus, false);
        index.close();
        try (PassageIndex otherAnalysis = PassageIndex.open(
                dir.resolve("index"),
                new IndexSettings("standard-v1", org.apache.lucene.analysis.standard.StandardAnalyzer::new, 0.9f, 0.4f),
                Clock.systemUTC())) {
            assertThatThrownBy(
                            () -> otherAnalysis.patch(List.of(article("web-1", "walrus", Optional.empty())), List.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("rebuilt");
        }
        index = PassageIndex.open(dir.resolve("index"), IndexSettings.defaults(), Clock.systemUTC());
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
