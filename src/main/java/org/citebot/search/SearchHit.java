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
 */
public record SearchHit(
        int rank, Passage passage, DocumentMetadata document, float score, Snippet snippet, Optional<URI> link) {}
