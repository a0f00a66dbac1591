package org.citebot.passages;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where citebot's passages are kept and searched from, whichever engine holds them (the embedded
 * Lucene index or a SolrCloud collection): documents handed over whole are added, replaced by their
 * indexed hash, or removed, and every change becomes visible at once with a new generation. The
 * reindex service, the corpus runs, curation, {@code /status}, readiness and the answer cache use it.
 */
public interface PassageStore {

    /** Facts about what serves now; its generation changes with every visible change. */
    IndexMetadata metadata() throws IOException;

    /**
     * The generation of what serves, as answer cache keys carry it on every search: {@code
     * metadata().generation()}, or a copy kept in memory where reading the metadata costs a round
     * trip (SolrCloud's, polled), which then trails another process's change by at most its poll.
     */
    default long servingGeneration() throws IOException {
        return metadata().generation();
    }

    /** True when what serves was written with another schema, analysis or vector model. */
    boolean needsRebuild() throws IOException;

    /** Every document now serving, sorted by document id. */
    List<DocumentSummary> documents() throws IOException;

    /**
     * What {@link #update} would do with {@code documents} now, from the indexed hashes of what
     * serves; writes nothing.
     *
     * @throws IllegalArgumentException when a document id is listed twice
     */
    UpdatePlan preview(List<IndexedDocument> documents) throws IOException;

    /**
     * Brings the store in line with {@code documents}, the whole corpus: adds new documents, replaces
     * those whose indexed hash changed, passes over the unchanged ones and removes documents no longer
     * listed (rewriting everything when {@link #needsRebuild()}); one visible change, or none.
     *
     * @throws IOException or a runtime exception when the update failed; what served before still serves
     */
    UpdateReport update(List<IndexedDocument> documents, IndexProgress progress) throws IOException;

    /** Like {@link #update}, but rewrites every document, whatever the store held. */
    UpdateReport rebuild(List<IndexedDocument> documents, IndexProgress progress) throws IOException;

    /**
     * Puts {@code documents} and removes the documents {@code removals} names, leaving every other
     * document as it is, unless another update is running: how an article added by URL is indexed
     * without a corpus run.
     *
     * @return empty when another update holds the store (its corpus run takes the change in)
     */
    Optional<UpdateReport> tryPatch(List<IndexedDocument> documents, List<String> removals) throws IOException;
}
