package org.citebot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.citebot.index.IndexSchema;

/**
 * What happens to the first-pass candidates before a page is cut from them: the proximity boost on
 * the leading candidates, and the diversity rule that keeps one document from filling the first
 * results. Both touch only the leading candidates (the proximity boost the first {@code
 * candidateWindow}), so every page of a query sees the same order; and, in a hybrid search, the
 * fusion of the two legs' rankings.
 */
final class Reranking {

    private final SearchSettings settings;

    Reranking(SearchSettings settings) {
        this.settings = settings;
    }

    /**
     * Adds the proximity score to the first {@code candidateWindow} candidates and re-sorts them;
     * the rest keep their BM25 order behind them. Scoring proximity only where it can change the
     * visible ranking keeps sloppy phrase matching off the thousands of other matches.
     */
    ScoreDoc[] rescoreForProximity(IndexSearcher searcher, Optional<Query> proximity, ScoreDoc[] candidates)
            throws IOException {
        int head = Math.min(candidates.length, settings.candidateWindow());
        if (proximity.isEmpty() || head == 0) {
            return candidates;
        }
        ScoreDoc[] window = Arrays.copyOf(candidates, head);
        TopDocs rescored = new QueryRescorer(proximity.get()) {
            @Override
            protected float combine(float firstPassScore, boolean secondPassMatches, float secondPassScore) {
                return secondPassMatches ? firstPassScore + secondPassScore : firstPassScore;
            }
        }.rescore(searcher, new TopDocs(new TotalHits(head, TotalHits.Relation.EQUAL_TO), window), head);
        ScoreDoc[] result = Arrays.copyOf(rescored.scoreDocs, candidates.length);
        System.arraycopy(candidates, head, result, head, candidates.length - head);
        return result;
    }

    /** The fused ranking of a hybrid search, with how many of its passages only the semantic leg found. */
    record Fused(ScoreDoc[] ranking, int semanticOnly) {}

    /**
     * Merges the lexical candidates (already re-scored for proximity) with the semantic leg's nearest
     * passages by reciprocal rank fusion over the first {@code vectorNeighbours} of each; each
     * passage's score becomes its fused score. Lexical candidates beyond the window follow in their
     * order, scored as if ranked by the lexical leg alone, so deep pages still continue.
     */
    Fused fuse(ScoreDoc[] lexical, ScoreDoc[] nearest) {
        return fuse(lexical, nearest, 1.0);
    }

    /** Like {@link #fuse(ScoreDoc[], ScoreDoc[])}, the lexical leg's contributions weighted by {@code lexicalWeight}. */
    Fused fuse(ScoreDoc[] lexical, ScoreDoc[] nearest, double lexicalWeight) {
        int window = settings.vectorNeighbours();
        List<Integer> lexicalHead = new ArrayList<>();
        for (int i = 0; i < Math.min(window, lexical.length); i++) {
            lexicalHead.add(lexical[i].doc);
        }
        List<Integer> semanticHead = new ArrayList<>();
        for (int i = 0; i < Math.min(window, nearest.length); i++) {
            semanticHead.add(nearest[i].doc);
        }
        List<ReciprocalRankFusion.Fused<Integer>> fused = ReciprocalRankFusion.fuse(
                List.of(lexicalHead, semanticHead), new double[] {lexicalWeight, 1.0}, ReciprocalRankFusion.DEFAULT_K);
        Set<Integer> seen = new HashSet<>();
        List<ScoreDoc> ranking = new ArrayList<>(fused.size() + Math.max(0, lexical.length - window));
        int semanticOnly = 0;
        for (ReciprocalRankFusion.Fused<Integer> passage : fused) {
            ranking.add(new ScoreDoc(passage.item(), (float) passage.score()));
            seen.add(passage.item());
            if (passage.ranks()[0] == 0) {
                semanticOnly++;
            }
        }
        for (int i = lexicalHead.size(); i < lexical.length; i++) {
            if (seen.add(lexical[i].doc)) {
                ranking.add(new ScoreDoc(lexical[i].doc, rankScore(i)));
            }
        }
        return new Fused(ranking.toArray(ScoreDoc[]::new), semanticOnly);
    }

    /**
     * The ranking of a hybrid search whose words hardly match: the semantic leg's first {@code
     * semanticHead} passages lead, in its order (any word match would otherwise outrank the passage
     * that means the question, since reciprocal rank fusion rewards a passage found by both legs),
     * then the fused ranking of both legs continues with the passages not yet placed.
     */
    Fused meaningFirst(ScoreDoc[] lexical, ScoreDoc[] nearest) {
        Fused fused = fuse(lexical, nearest);
        int head = Math.min(settings.semanticHead(), nearest.length);
        Set<Integer> placed = new HashSet<>();
        List<ScoreDoc> ranking = new ArrayList<>(fused.ranking().length);
        for (int i = 0; i < head; i++) {
            if (placed.add(nearest[i].doc)) {
                ranking.add(nearest[i]);
            }
        }
        for (ScoreDoc passage : fused.ranking()) {
            if (placed.add(passage.doc)) {
                ranking.add(passage);
            }
        }
        // Scores fall with rank, as the diversity rule and readers of the scores expect.
        ScoreDoc[] ordered = new ScoreDoc[ranking.size()];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = new ScoreDoc(ranking.get(i).doc, rankScore(i));
        }
        return new Fused(ordered, fused.semanticOnly());
    }

    private static float rankScore(int index) {
        return (float) (1.0 / (ReciprocalRankFusion.DEFAULT_K + index + 1));
    }

    /**
     * Reorders the ranked candidates so that, among the first {@code diversityTop}, no document has
     * more than {@code diversityMaxPerDocument} passages while candidates from other documents with
     * a comparable score (at least {@code diversityMinScoreRatio} of the passage they would pass)
     * exist within the first {@code window} candidates. A clearly better passage is never pushed down
     * for a worse one from another document. Everything else keeps its rank order.
     */
    List<ScoreDoc> diversify(DocIds documents, ScoreDoc[] candidates, int window) throws IOException {
        int n = candidates.length;
        int reach = Math.min(n, Math.max(window, settings.diversityTop()));
        int top = Math.min(n, settings.diversityTop());
        if (top == 0) {
            // The rule is off: the ranking stands as the first pass and the proximity boost made it.
            return List.of(candidates);
        }
        String[] docIds = documents.of(candidates, reach);
        boolean[] taken = new boolean[n];
        Map<String, Integer> perDocument = new HashMap<>();
        List<ScoreDoc> ordered = new ArrayList<>(n);
        for (int position = 0; position < top; position++) {
            int pick = -1;
            int firstFree = -1;
            for (int i = 0; i < reach; i++) {
                if (taken[i]) {
                    continue;
                }
                if (firstFree < 0) {
                    firstFree = i;
                } else if (candidates[i].score < settings.diversityMinScoreRatio() * candidates[firstFree].score) {
                    // Every later candidate scores lower still: none is comparable to the one it would pass.
                    break;
                }
                if (perDocument.getOrDefault(docIds[i], 0) < settings.diversityMaxPerDocument()) {
                    pick = i;
                    break;
                }
            }
            if (pick < 0) {
                pick = firstFree;
            }
            taken[pick] = true;
            perDocument.merge(docIds[pick], 1, Integer::sum);
            ordered.add(candidates[pick]);
        }
        for (int i = 0; i < n; i++) {
            if (!taken[i]) {
                ordered.add(candidates[i]);
            }
        }
        return ordered;
    }

    /**
     * The documents holding more than {@code diversityMaxPerDocument} of the first {@code
     * diversityTop} results of a diversified ranking: those whose extra passages another document's
     * comparable passage might still displace, had it been collected. Empty when the rule is off.
     */
    Set<String> crowding(DocIds documents, List<ScoreDoc> ranked) throws IOException {
        int top = Math.min(ranked.size(), settings.diversityTop());
        String[] docIds = documents.of(ranked.subList(0, top).toArray(ScoreDoc[]::new), top);
        Map<String, Integer> perDocument = new HashMap<>();
        Set<String> crowding = new HashSet<>();
        for (String docId : docIds) {
            if (perDocument.merge(docId, 1, Integer::sum) > settings.diversityMaxPerDocument()) {
                crowding.add(docId);
            }
        }
        return crowding;
    }

    /** Candidates with others' passages merged in, and how many leading ones diversity may reorder. */
    record Widened(ScoreDoc[] candidates, int window) {}

    /**
     * The first {@code window} candidates and {@code others} (passages of other documents, scored the
     * same way) in one score order, then the rest of the candidates not among them: the ranking
     * diversity reorders when the window alone was one document's.
     */
    static Widened widen(ScoreDoc[] candidates, int window, ScoreDoc[] others) {
        int head = Math.min(window, candidates.length);
        Set<Integer> placed = new HashSet<>();
        List<ScoreDoc> leading = new ArrayList<>(head + others.length);
        for (int i = 0; i < head; i++) {
            placed.add(candidates[i].doc);
            leading.add(candidates[i]);
        }
        for (ScoreDoc other : others) {
            if (placed.add(other.doc)) {
                leading.add(other);
            }
        }
        // A stable sort: ties keep the first pass's order ahead of the second query's.
        leading.sort(Comparator.comparingDouble((ScoreDoc hit) -> hit.score).reversed());
        List<ScoreDoc> all = new ArrayList<>(leading);
        for (int i = head; i < candidates.length; i++) {
            if (placed.add(candidates[i].doc)) {
                all.add(candidates[i]);
            }
        }
        return new Widened(all.toArray(ScoreDoc[]::new), leading.size());
    }

    /** Where diversity learns which document each candidate passage belongs to: the engine's port. */
    @FunctionalInterface
    interface DocIds {
        /** The document ids of the first {@code count} of {@code candidates}, in their order. */
        String[] of(ScoreDoc[] candidates, int count) throws IOException;
    }

    /** Document ids of the first {@code count} candidates, read from doc values leaf by leaf. */
    static String[] docIds(IndexReader reader, ScoreDoc[] candidates, int count) throws IOException {
        String[] ids = new String[count];
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> candidates[i].doc));
        List<LeafReaderContext> leaves = reader.leaves();
        int leafIndex = -1;
        SortedDocValues values = null;
        LeafReaderContext leaf = null;
        for (int i : order) {
            int doc = candidates[i].doc;
            int wantedLeaf = ReaderUtil.subIndex(doc, leaves);
            if (wantedLeaf != leafIndex) {
                leafIndex = wantedLeaf;
                leaf = leaves.get(leafIndex);
                values = leaf.reader().getSortedDocValues(IndexSchema.DOC_ID);
            }
            if (values != null && leaf != null && values.advanceExact(doc - leaf.docBase)) {
                ids[i] = values.lookupOrd(values.ordValue()).utf8ToString();
            } else {
                ids[i] = "#" + doc;
            }
        }
        return ids;
    }
}
