package org.citebot.search;

import java.util.List;

/**
 * The answer to a {@link SearchRequest}: one page of hits, the total number of matching passages
 * and, when nothing matched, spellings from the corpus and document titles the user may have meant.
 *
 * @param normalizedQuery the query after parsing and analysis; equal for questions typed differently
 * @param tookNanos time spent searching and highlighting
 * @param didYouMean corrected query strings built from corpus terms (only when {@code totalHits == 0})
 * @param closestTitles titles of documents close to the query (only when {@code totalHits == 0})
 */
public record SearchResults(
        String normalizedQuery,
        long totalHits,
        int offset,
        List<SearchHit> hits,
        long tookNanos,
        List<String> didYouMean,
        List<String> closestTitles) {

    public SearchResults {
        hits = List.copyOf(hits);
        didYouMean = List.copyOf(didYouMean);
        closestTitles = List.copyOf(closestTitles);
    }

    public boolean hasMore() {
        return offset + hits.size() < totalHits;
    }
}
