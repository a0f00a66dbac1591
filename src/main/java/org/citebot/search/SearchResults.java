package org.citebot.search;

import java.util.List;

/**
 * The answer to a {@link SearchRequest}: one page of hits, the number of matching passages (exact up
 * to a threshold, a lower bound beyond it) and, when nothing matched, spellings from the corpus and
 * document titles the user may have meant.
 *
 * @param normalizedQuery the query after parsing and analysis; equal for questions typed differently
 * @param totalHits how many passages match: exact, or at least this many when {@code
 *     totalIsLowerBound}
 * @param totalIsLowerBound more passages than {@code totalHits} may match: counting stopped there
 *     because an exact count of a common query costs a quarter of its search time
 * @param tookNanos time spent searching and highlighting
 * @param didYouMean corrected query strings built from corpus terms (only when {@code totalHits == 0})
 * @param closestTitles titles of documents close to the query (only when {@code totalHits == 0})
 * @param mode how the passages were ranked
 * @param goodMatch whether the first passage passes the relevance floor; when false the hits are only
 *     the closest passages, and replies say that nothing in the corpus answers this well
 */
public record SearchResults(
        String normalizedQuery,
        long totalHits,
        boolean totalIsLowerBound,
        int offset,
        List<SearchHit> hits,
        long tookNanos,
        List<String> didYouMean,
        List<String> closestTitles,
        SearchMode mode,
        boolean goodMatch) {

    public SearchResults {
        hits = List.copyOf(hits);
        didYouMean = List.copyOf(didYouMean);
        closestTitles = List.copyOf(closestTitles);
    }

    /** Lexical results, a good match whenever something matched (for tests and fixed answers). */
    public SearchResults(
            String normalizedQuery,
            long totalHits,
            boolean totalIsLowerBound,
            int offset,
            List<SearchHit> hits,
            long tookNanos,
            List<String> didYouMean,
            List<String> closestTitles) {
        this(
                normalizedQuery,
                totalHits,
                totalIsLowerBound,
                offset,
                hits,
                tookNanos,
                didYouMean,
                closestTitles,
                SearchMode.LEXICAL,
                totalHits > 0);
    }

    /**
     * How many passages answer the question, as the query log counts them: the matches when the
     * first passage passes the relevance floor, else none, so "unanswered" reports include questions
     * whose closest passages were shown under "nothing answers this well".
     */
    public long answeringHits() {
        return goodMatch ? totalHits : 0;
    }

    /**
     * Whether a later page has passages. With a lower bound counting stopped beyond every collected
     * candidate, so there are more than this page shows.
     */
    public boolean hasMore() {
        return offset + hits.size() < totalHits || (totalIsLowerBound && !hits.isEmpty());
    }
}
