package org.citebot.search;

import java.util.Arrays;
import org.apache.lucene.search.ScoreDoc;

/**
 * Scored passages as a {@link SearchPort} hands them to the search pipeline, best first: each an
 * engine's handle for the passage (a Lucene document number, or the place of a Solr hit among those
 * the search has seen) and its score. The pipeline ranks Lucene {@code ScoreDoc}s, so the embedded
 * engine's hits pass through without a copy, while another engine builds them from plain arrays.
 */
public final class Candidates {

    /** No passage at all. */
    public static final Candidates NONE = new Candidates(new ScoreDoc[0]);

    private final ScoreDoc[] hits;

    private Candidates(ScoreDoc[] hits) {
        this.hits = hits;
    }

    /** Candidates from an engine's handles and scores, in that order; both arrays of one length. */
    public static Candidates of(int[] handles, float[] scores) {
        if (handles.length != scores.length) {
            throw new IllegalArgumentException("one score per handle");
        }
        ScoreDoc[] hits = new ScoreDoc[handles.length];
        for (int i = 0; i < hits.length; i++) {
            hits[i] = new ScoreDoc(handles[i], scores[i]);
        }
        return new Candidates(hits);
    }

    /** The embedded engine's hits as they are: no copy on the hot path. */
    static Candidates wrap(ScoreDoc[] hits) {
        return new Candidates(hits);
    }

    ScoreDoc[] hits() {
        return hits;
    }

    /** How many candidates there are. */
    public int size() {
        return hits.length;
    }

    /** The engine's handle of the {@code i}-th candidate. */
    public int handle(int i) {
        return hits[i].doc;
    }

    /** The score of the {@code i}-th candidate. */
    public float score(int i) {
        return hits[i].score;
    }

    /**
     * These candidates with {@code extra[i]} added to the score of each of the first {@code
     * extra.length}, those re-sorted by their new score (ties by handle, as Lucene's rescorer sorts
     * them) and the rest kept behind in their order: a proximity rescoring computed elsewhere.
     */
    public Candidates withAddedScores(float[] extra) {
        int head = Math.min(extra.length, hits.length);
        ScoreDoc[] window = new ScoreDoc[head];
        for (int i = 0; i < head; i++) {
            window[i] = new ScoreDoc(hits[i].doc, hits[i].score + extra[i]);
        }
        Arrays.sort(
                window, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        ScoreDoc[] result = Arrays.copyOf(window, hits.length);
        System.arraycopy(hits, head, result, head, hits.length - head);
        return new Candidates(result);
    }
}
