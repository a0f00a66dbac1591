package org.citebot.search;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.citebot.index.AudienceFilter;
import org.citebot.index.IndexSchema;
import org.citebot.index.PassageDocuments;
import org.citebot.index.WrittenWords;

/**
 * Turns a {@link ParsedQuery} and its filters into Lucene queries: the BM25F query that selects and
 * first scores passages, the constraints alone (for the vector leg, which must honour phrases,
 * exclusions and filters exactly as the words do), the proximity boost, and the second query that
 * leaves out the documents filling the first results. The one place that knows how a user's query
 * maps onto the index's fields.
 */
final class LexicalQueries {

    private final SearchSettings settings;

    LexicalQueries(SearchSettings settings) {
        this.settings = settings;
    }

    /**
     * The query that selects passages and gives their first-pass BM25F score: the words in the
     * scored body field (with the title's and heading's copies), the phrases, the exclusions and the filters. Only
     * passages have the fields it requires, so it needs no filter on the kind of entry: a plain
     * question is a bare disjunction of term queries, which block-max WAND prunes by their impacts.
     */
    Query matching(ParsedQuery parsed, SearchFilters filters, WeightedTerms weighted) {
        return matchingOutside(parsed, filters, Set.of(), weighted);
    }

    /**
     * {@link #matching} without the passages of the given documents: the cheap second query that
     * looks for other documents' passages when one document fills the first results. The exclusions
     * join the same root, so the words stay a disjunction block-max WAND can prune.
     */
    Query matchingOutside(
            ParsedQuery parsed, SearchFilters filters, Set<String> excludedDocIds, WeightedTerms weighted) {
        BooleanQuery.Builder root = new BooleanQuery.Builder();
        if (!parsed.terms().isEmpty()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            parsed.terms().forEach(term -> counts.merge(term, 1, Integer::sum));
            BooleanQuery.Builder bag = new BooleanQuery.Builder();
            for (Map.Entry<String, Integer> term : counts.entrySet()) {
                bag.add(boosted(weighted.query(term.getKey()), term.getValue()), Occur.SHOULD);
            }
            // With a quoted phrase the phrase is what must match; the loose words then only rank.
            root.add(bag.build(), parsed.phrases().isEmpty() ? Occur.MUST : Occur.SHOULD);
        }
        for (QueryPhrase phrase : parsed.phrases()) {
            // Found only where written exactly in the text, and scored there.
            root.add(exact(phrase), Occur.FILTER);
            root.add(scoredPhrase(phrase), Occur.SHOULD);
        }
        addConstraints(root, parsed, filters);
        for (String docId : excludedDocIds) {
            root.add(new TermQuery(new Term(IndexSchema.DOC_ID, docId)), Occur.MUST_NOT);
        }
        return root.build();
    }

    /**
     * What every hit must satisfy besides matching the words: the phrases as written, no excluded
     * word (by stem, in the text, heading or title) or phrase (in the text), the filters. Scores nothing; empty when nothing
     * constrains the question (every entry with a vector is a passage).
     */
    Optional<Query> constraints(ParsedQuery parsed, SearchFilters filters) {
        BooleanQuery.Builder root = new BooleanQuery.Builder();
        for (QueryPhrase phrase : parsed.phrases()) {
            root.add(exact(phrase), Occur.FILTER);
        }
        addConstraints(root, parsed, filters);
        BooleanQuery built = root.build();
        if (built.clauses().isEmpty()) {
            return Optional.empty();
        }
        if (built.clauses().stream().allMatch(clause -> clause.getOccur() == Occur.MUST_NOT)) {
            // Exclusions alone match nothing in Lucene; they exclude from the passages.
            root.add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_PASSAGE)), Occur.FILTER);
            built = root.build();
        }
        return Optional.of(built);
    }

    private void addConstraints(BooleanQuery.Builder root, ParsedQuery parsed, SearchFilters filters) {
        for (String term : new LinkedHashSet<>(parsed.excludedTerms())) {
            root.add(new TermQuery(new Term(IndexSchema.BODY, term)), Occur.MUST_NOT);
        }
        for (QueryPhrase phrase : parsed.excludedPhrases()) {
            root.add(scoredPhrase(phrase), Occur.MUST_NOT);
        }
        AudienceFilter.of(filters.audience()).ifPresent(visible -> root.add(visible, Occur.FILTER));
        filters.source()
                .filter(source -> !source.isBlank())
                .ifPresent(source -> root.add(SourceNames.filter(source), Occur.FILTER));
        filters.author()
                .filter(author -> !author.isBlank())
                .ifPresent(author -> root.add(
                        new TermQuery(new Term(IndexSchema.AUTHOR_KEY, PassageDocuments.keyword(author))),
                        Occur.FILTER));
        if (filters.from().isPresent() || filters.to().isPresent()) {
            long from = filters.from().map(LocalDate::toEpochDay).orElse(Long.MIN_VALUE);
            long to = filters.to().map(LocalDate::toEpochDay).orElse(Long.MAX_VALUE);
            root.add(LongPoint.newRangeQuery(IndexSchema.PUBLISHED_DAY, from, to), Occur.FILTER);
        }
    }

    /**
     * The proximity boost: a sloppy phrase over the query's distinct terms in the passage's text,
     * scoring more the closer together they are (heading and title words stand too far apart in the
     * body field to match: {@link IndexSchema#REGION_GAP}). Empty for a single term.
     */
    Optional<Query> proximity(ParsedQuery parsed) {
        List<String> distinct = parsed.distinctTerms();
        if (distinct.size() < 2 || settings.proximityBoost() <= 0) {
            return Optional.empty();
        }
        PhraseQuery.Builder near = new PhraseQuery.Builder().setSlop(settings.proximitySlop());
        List<String> used = distinct.subList(0, Math.min(distinct.size(), settings.maxProximityTerms()));
        for (int i = 0; i < used.size(); i++) {
            near.add(new Term(IndexSchema.BODY, used.get(i)), i);
        }
        return Optional.of(new BoostQuery(near.build(), settings.proximityBoost()));
    }

    /**
     * One term scored over body, title and section as a single BM25F field: the body field, where a
     * title or section occurrence is written as many times as the index's title or section weight,
     * inside one saturating BM25 score. Summing separate per-field BM25 scores instead rewards a term
     * for appearing in several fields twice over; on SciFact that cost 0.03 nDCG@10 with a title
     * weight of 2. A term typed {@code count} times weighs {@code count} times as much.
     */
    private static Query weighted(String term, int count) {
        return boosted(new TermQuery(new Term(IndexSchema.BODY, term)), count);
    }

    /**
     * The phrase's words as written, in order, in the passage's text: neither another form of a word
     * ("red lines" for "red line") nor a title or heading alone matches. The body's stems find the
     * passages that may hold it; their words, kept as hashes, confirm it ({@link WrittenWords}).
     */
    private static Query exact(QueryPhrase phrase) {
        Query stems = phrase.terms().size() == 1
                ? new TermQuery(new Term(IndexSchema.BODY, phrase.terms().get(0)))
                : phrase(IndexSchema.BODY, phrase);
        return WrittenWords.filter(
                stems, phrase.terms().get(0), phrase.positions().get(0), phrase.words());
    }

    /**
     * The phrase's stems in the passage's text, scored as a term would be; a one-word phrase is its
     * term, title and heading included. Title and heading words stand too far apart in the body
     * field for a phrase of several to match there.
     */
    private static Query scoredPhrase(QueryPhrase phrase) {
        if (phrase.terms().size() == 1) {
            return weighted(phrase.terms().get(0), 1);
        }
        return phrase(IndexSchema.BODY, phrase);
    }

    private static Query phrase(String field, QueryPhrase phrase) {
        PhraseQuery.Builder builder = new PhraseQuery.Builder();
        for (int i = 0; i < phrase.terms().size(); i++) {
            builder.add(
                    new Term(field, phrase.terms().get(i)), phrase.positions().get(i));
        }
        return builder.build();
    }

    private static Query boosted(Query query, float boost) {
        return boost == 1f ? query : new BoostQuery(query, boost);
    }
}
