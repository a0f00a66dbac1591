package org.citebot.search;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.citebot.index.IndexSettings;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentSummary;
import org.citebot.passages.StoredPassage;

/**
 * What the engine-neutral {@link SearchPipeline} asks of the engine holding the passages: candidate
 * passages for a parsed query (its words, and its nearest vectors for a hybrid search), their
 * stored text and highlight spans for the page, and the vocabulary and titles that no-match
 * suggestions offer. Everything that decides what a member sees (fusion, the relevance floor,
 * diversity, excerpts, paging) stays in the pipeline, so every engine gives the same answers. The
 * embedded Lucene index implements it in {@link LuceneSearchPort}, SolrCloud in the solr package.
 */
public interface SearchPort {

    /** The analysis and field weights the engine's passages were indexed with; queries are analyzed alike. */
    IndexSettings settings();

    /**
     * Starts one search of {@code parsed} under {@code filters}: every call of the session reads the
     * same version of the passages, until it is closed.
     *
     * @throws IOException when the passages cannot be read
     */
    Session open(ParsedQuery parsed, SearchFilters filters) throws IOException;

    /** The lexical candidates of a search, and how many passages match in all. */
    record LexicalMatches(Candidates top, long total, boolean totalIsLowerBound) {}

    /** One search's reads, all of one version of the passages; closed by the pipeline when the search ends. */
    interface Session extends AutoCloseable {

        /**
         * The best {@code depth} passages by BM25F, with the number of matches counted exactly up
         * to {@code countUpTo} (a lower bound of exactly that beyond).
         */
        LexicalMatches lexical(int depth, int countUpTo) throws IOException;

        /**
         * {@code candidates} with the proximity boost (the query's distinct terms close together in
         * the body) added to the first {@code candidateWindow} and those re-sorted; the rest follow.
         */
        Candidates rescoreForProximity(Candidates candidates) throws IOException;

        /**
         * The best {@code wanted} passages outside the documents {@code docIds}, already rescored
         * for proximity: what diversity draws on when one document fills the first results.
         */
        Candidates outside(Set<String> docIds, int wanted) throws IOException;

        /** The document ids of the first {@code count} of {@code candidates}, in their order. */
        String[] docIds(Candidates candidates, int count) throws IOException;

        /** Whether the passages carry vectors of {@code dimension}, so a hybrid search can run. */
        boolean holdsVectors(int dimension);

        /**
         * The {@code neighbours} passages nearest to {@code vector} among those the query's phrases,
         * exclusions and filters allow, nearest first; each score is {@code (1 + cosine) / 2}.
         */
        Candidates nearest(float[] vector, int neighbours) throws IOException;

        /**
         * The share of the question's idf weight the passage {@code handle} holds (see {@link
         * RelevanceFloor#coverage}).
         */
        double coverage(int handle) throws IOException;

        /** BM25's idf of {@code term} in the field BM25F scores; 1 for an empty term. */
        double idf(String term) throws IOException;

        /** The stored passages of {@code page}, in its order. */
        List<StoredPassage> passages(Candidates page) throws IOException;

        /**
         * Where the query's words and phrases match in the body of each passage of {@code page}
         * ({@code passages} holds their stored text, in the same order).
         */
        List<List<MatchSpan>> spans(Candidates page, List<StoredPassage> passages) throws IOException;

        /**
         * Empty when some document is the source {@code source}; otherwise the message telling the
         * member which sources there are ({@link SourceNames}).
         */
        Optional<String> unknownSource(String source) throws IOException;

        /** Whether some passage's text holds {@code word} as written (lower-cased). */
        boolean usesWord(String word) throws IOException;

        /** The closest spellings of {@code word} in the passages' text, best first, at most {@code max}. */
        List<String> corrections(String word, int max) throws IOException;

        /** Those of {@code words} that some passage {@code audience} sees holds as written. */
        List<String> seenBy(List<String> words, Audience audience) throws IOException;

        /** Every document's summary, for the closest titles. */
        List<DocumentSummary> documents() throws IOException;

        @Override
        void close() throws IOException;
    }
}
