package org.citebot.passages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.index.IndexSchema;
import org.citebot.index.PassageDocuments;
import org.citebot.index.TestCorpus;
import org.citebot.index.TestCorpus.Para;
import org.junit.jupiter.api.Test;

/**
 * The {@link PassageStore} contract, run for every backend by a subclass that makes empty stores:
 * the same sequence of updates gives the same plans, the same reports, the same metadata (generation
 * and corpus fingerprint included) and the same documents, whichever engine holds the passages. The
 * expected values are written out once here, so two backends passing it answer alike.
 */
public abstract class PassageStoreContract {

    /** The clock every store under test is given, so both record the same build times. */
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC);

    /** A new, empty store for one test, closed by the subclass after it. */
    protected abstract PassageStore emptyStore() throws Exception;

    private static final IndexedDocument SUMMIT = TestCorpus.summit();
    private static final IndexedDocument ESCALATION = TestCorpus.escalation();
    private static final IndexedDocument TREATIES = TestCorpus.treaties();
    private static final IndexedDocument GRAIN = TestCorpus.grain();

    /** The treaties document with its text edited: the same id, another indexed hash. */
    private static final IndexedDocument TREATIES_EDITED = TestCorpus.document(
            TestCorpus.TREATIES_ID,
            TREATIES.document().metadata(),
            Para.of("New START expired in February 2026 and no treaty limits the two largest arsenals any more."),
            Para.under("Verification", "Inspections stopped years before the treaty ran out."));

    /** An article a moderator of server 111 added by URL. */
    private static final IndexedDocument ADDED = TestCorpus.document(
            "url_b2c4",
            TestCorpus.metadata(
                    "Grain shipments resume through the corridor",
                    null,
                    "Example News",
                    "2026-07-01",
                    "https://news.example/grain"),
            Para.of("Ships loaded with grain left Odesa again on Tuesday under the renewed corridor agreement."));

    private static final IndexedDocument ADDED_IN_111 =
            new IndexedDocument(ADDED.document(), ADDED.passages(), DocumentOrigin.added(Optional.of("111")));

    @Test
    void emptyStore_holdsNothing_atGenerationZero() throws Exception {
        PassageStore store = emptyStore();

        assertThat(store.metadata()).isEqualTo(metadata(Map.of(), 0, 0));
        assertThat(store.needsRebuild()).isFalse();
        assertThat(store.documents()).isEmpty();
    }

    @Test
    void update_newDocuments_addsThemAll_andServesTheirSummaries() throws Exception {
        PassageStore store = emptyStore();

        UpdateReport report = store.update(List.of(SUMMIT, ESCALATION, TREATIES), IndexProgress.NONE);

        IndexMetadata expected = metadata(List.of(SUMMIT, ESCALATION, TREATIES), 1);
        assertThat(report.added())
                .containsExactly(TestCorpus.SUMMIT_ID, TestCorpus.ESCALATION_ID, TestCorpus.TREATIES_ID);
        assertThat(report.replaced()).isEmpty();
        assertThat(report.unchanged()).isEmpty();
        assertThat(report.deleted()).isEmpty();
        assertThat(report.rebuilt()).isFalse();
        assertThat(report.metadata()).isEqualTo(expected);
        assertThat(store.metadata()).isEqualTo(expected);
        assertThat(store.documents()).containsExactly(summary(SUMMIT), summary(ESCALATION), summary(TREATIES));
    }

    @Test
    void update_sameDocumentsAgain_changesNothing_andKeepsTheGeneration() throws Exception {
        PassageStore store = emptyStore();
        store.update(List.of(SUMMIT, ESCALATION), IndexProgress.NONE);

        UpdateReport again = store.update(List.of(SUMMIT, ESCALATION), IndexProgress.NONE);

        assertThat(again.changed()).isFalse();
        assertThat(again.unchanged()).containsExactly(TestCorpus.SUMMIT_ID, TestCorpus.ESCALATION_ID);
        assertThat(again.metadata()).isEqualTo(metadata(List.of(SUMMIT, ESCALATION), 1));
        assertThat(store.metadata().generation()).isEqualTo(1);
    }

    @Test
    void previewThenUpdate_editedRemovedAndNewDocuments_onlyTheChangedAreWritten() throws Exception {
        PassageStore store = emptyStore();
        store.update(List.of(SUMMIT, ESCALATION, TREATIES), IndexProgress.NONE);
        List<IndexedDocument> next = List.of(SUMMIT, TREATIES_EDITED, GRAIN);

        UpdatePlan plan = store.preview(next);
        long afterPreview = store.metadata().generation();
        UpdateReport report = store.update(next, IndexProgress.NONE);

        assertThat(plan)
                .isEqualTo(new UpdatePlan(
                        List.of(TestCorpus.GRAIN_ID),
                        List.of(TestCorpus.TREATIES_ID),
                        List.of(TestCorpus.SUMMIT_ID),
                        List.of(TestCorpus.ESCALATION_ID),
                        false));
        assertThat(afterPreview).isEqualTo(1);
        assertThat(new UpdatePlan(
                        report.added(), report.replaced(), report.unchanged(), report.deleted(), report.rebuilt()))
                .isEqualTo(plan);
        assertThat(report.metadata()).isEqualTo(metadata(next, 2));
        assertThat(store.documents()).containsExactly(summary(SUMMIT), summary(TREATIES_EDITED), summary(GRAIN));
    }

    @Test
    void rebuild_rewritesEveryListedDocument_andDeletesTheRest() throws Exception {
        PassageStore store = emptyStore();
        store.update(List.of(SUMMIT, ESCALATION, TREATIES), IndexProgress.NONE);

        UpdateReport report = store.rebuild(List.of(SUMMIT, TREATIES), IndexProgress.NONE);

        assertThat(report.rebuilt()).isTrue();
        assertThat(report.added()).isEmpty();
        assertThat(report.replaced()).containsExactly(TestCorpus.SUMMIT_ID, TestCorpus.TREATIES_ID);
        assertThat(report.deleted()).containsExactly(TestCorpus.ESCALATION_ID);
        assertThat(report.metadata()).isEqualTo(metadata(List.of(SUMMIT, TREATIES), 2));
        assertThat(store.metadata()).isEqualTo(report.metadata());
        assertThat(store.documents()).containsExactly(summary(SUMMIT), summary(TREATIES));
        assertThat(store.needsRebuild()).isFalse();
    }

    @Test
    void patch_addedArticle_survivesACorpusUpdate_untilAPatchRemovesIt() throws Exception {
        PassageStore store = emptyStore();
        store.update(List.of(SUMMIT, ESCALATION), IndexProgress.NONE);

        Optional<UpdateReport> put = store.tryPatch(List.of(ADDED_IN_111), List.of());
        UpdateReport corpusRun = store.update(List.of(SUMMIT), IndexProgress.NONE);
        List<DocumentSummary> withArticle = store.documents();
        Optional<UpdateReport> removed = store.tryPatch(List.of(), List.of(ADDED.docId(), "never_indexed"));

        assertThat(put).hasValueSatisfying(report -> {
            assertThat(report.added()).containsExactly(ADDED.docId());
            assertThat(report.deleted()).isEmpty();
            assertThat(report.metadata()).isEqualTo(metadata(List.of(SUMMIT, ESCALATION, ADDED_IN_111), 2));
        });
        assertThat(corpusRun.deleted()).containsExactly(TestCorpus.ESCALATION_ID);
        assertThat(corpusRun.metadata()).isEqualTo(metadata(List.of(SUMMIT, ADDED_IN_111), 3));
        assertThat(withArticle).containsExactly(summary(SUMMIT), summary(ADDED_IN_111));
        assertThat(withArticle.get(1).origin()).isEqualTo(DocumentOrigin.added(Optional.of("111")));
        assertThat(removed).hasValueSatisfying(report -> {
            assertThat(report.deleted()).containsExactly(ADDED.docId());
            assertThat(report.metadata()).isEqualTo(metadata(List.of(SUMMIT), 4));
        });
        assertThat(store.documents()).containsExactly(summary(SUMMIT));
    }

    @Test
    void update_sameIdTwice_isRefused_andNothingChanges() throws Exception {
        PassageStore store = emptyStore();
        store.update(List.of(SUMMIT), IndexProgress.NONE);

        assertThatThrownBy(() -> store.update(List.of(ESCALATION, ESCALATION), IndexProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listed twice");
        assertThat(store.metadata()).isEqualTo(metadata(List.of(SUMMIT), 1));
        assertThat(store.documents()).containsExactly(summary(SUMMIT));
    }

    /** What {@code /sources} lists for a document as indexed. */
    protected static DocumentSummary summary(IndexedDocument document) {
        return new DocumentSummary(
                document.docId(),
                document.document().metadata(),
                document.passages().size(),
                document.origin());
    }

    /** The metadata a store holding exactly {@code documents} reports at {@code generation}. */
    protected static IndexMetadata metadata(List<IndexedDocument> documents, long generation) {
        Map<String, String> hashes = new LinkedHashMap<>();
        int passages = 0;
        for (IndexedDocument document : documents) {
            hashes.put(document.docId(), PassageDocuments.indexedHash(document));
            passages += document.passages().size();
        }
        return metadata(hashes, passages, generation);
    }

    private static IndexMetadata metadata(Map<String, String> hashes, int passages, long generation) {
        return new IndexMetadata(
                IndexSchema.VERSION,
                IndexMetadata.corpusFingerprint(hashes),
                hashes.size(),
                passages,
                CLOCK.instant(),
                generation,
                "");
    }
}
