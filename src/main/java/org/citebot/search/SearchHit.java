package org.citebot.search;

import java.net.URI;
import java.util.Optional;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Passage;

/**
 * One ranked result: the passage, its document's metadata, the highlighted snippet and the deep
 * link that opens the source at the passage (empty when the document has no URL).
 *
 * @param rank 1-based rank across all pages
 * @param pageChanged whether the live page no longer holds this passage (an article added by URL
 *     whose page changed): its link then opens the page without pointing at the passage
 */
public record SearchHit(
        int rank,
        Passage passage,
        DocumentMetadata document,
        float score,
        Snippet snippet,
        Optional<URI> link,
        boolean pageChanged) {

    /** A hit whose page, as far as anyone knows, still holds the passage. */
    public SearchHit(
            int rank, Passage passage, DocumentMetadata document, float score, Snippet snippet, Optional<URI> link) {
        this(rank, passage, document, score, snippet, link, false);
    }

    /** This hit linked to {@code page} without a text fragment, marked as changed. */
    public SearchHit onChangedPage(Optional<URI> page) {
        return new SearchHit(rank, passage, document, score, snippet, page, true);
    }
}
