package org.citebot.solr;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.citebot.index.IndexSchema;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageDocuments;
import org.citebot.passages.Audience;
import org.citebot.search.ParsedQuery;
import org.citebot.search.QueryPhrase;
import org.citebot.search.SearchFilters;
import org.citebot.search.SearchSettings;

/**
 * Turns a parsed query and its filters into Solr requests that build, clause for clause, the Lucene
 * queries the embedded index runs (search's {@code LexicalQueries}): a {@code {!bool}} root whose
 * must, should, filter and must-not clauses are the embedded query's, term queries on the same
 * fields with the same boosts, phrases with the same positions. Terms go to Solr already analyzed
 * (the configset's query analyzers only split on spaces), so nothing is analyzed twice. Each clause
 * travels as a parameter of its own, so no user text is ever parsed as query syntax.
 */
final class SolrSearchQueries {

    private final SearchSettings settings;
    private final IndexSettings fields;

    SolrSearchQueries(SearchSettings settings, IndexSettings fields) {
        this.settings = settings;
        this.fields = fields;
    }

    /** The clauses of one {@code {!bool}} query, each a parameter of the request that carries it. */
    static final class Bool {
        private final ModifiableSolrParams params;
        private final StringBuilder local = new StringBuilder("{!bool");
        private boolean empty = true;

        Bool(ModifiableSolrParams params) {
            this.params = params;
        }

        Bool add(String occur, String query) {
            String name = "c" + params.getParameterNames().size();
            params.set(name, query);
            local.append(' ').append(occur).append("=$").append(name);
            empty = false;
            return this;
        }

        boolean isEmpty() {
            return empty;
        }

        /** The query, as the value of a parameter or of {@code q}. */
        String build() {
            return local + "}";
        }
    }

    /**
     * The query that selects passages and gives their first-pass BM25F score, as {@code
     * LexicalQueries.matchingOutside}: the words in the weighted field, the phrases, the exclusions
     * and filters, and no passage of {@code excludedDocIds}.
     */
    String matching(
            ModifiableSolrParams params, ParsedQuery parsed, SearchFilters filters, Collection<String> excludedDocIds) {
        Bool root = new Bool(params);
        if (!parsed.terms().isEmpty()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            parsed.terms().forEach(term -> counts.merge(term, 1, Integer::sum));
            Bool bag = new Bool(params);
            counts.forEach((term, count) -> bag.add("should", weighted(term, count)));
            // With a quoted phrase the phrase is what must match; the loose words then only rank.
            root.add(parsed.phrases().isEmpty() ? "must" : "should", bag.build());
        }
        for (QueryPhrase phrase : parsed.phrases()) {
            root.add("filter", exact(phrase));
            root.add("should", phraseAcrossFields(params, phrase));
        }
        addConstraints(root, parsed, filters);
        for (String docId : excludedDocIds) {
            root.add("must_not", SolrPassageStore.termQuery(IndexSchema.DOC_ID, docId));
        }
        return root.build();
    }

    /**
     * What every hit must satisfy besides matching the words, as {@code LexicalQueries.constraints}:
     * the filter of the vector leg; empty when nothing constrains the question.
     */
    Optional<String> constraints(ModifiableSolrParams params, ParsedQuery parsed, SearchFilters filters) {
        Bool root = new Bool(params);
        for (QueryPhrase phrase : parsed.phrases()) {
            root.add("filter", exact(phrase));
        }
        addConstraints(root, parsed, filters);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        // Exclusions alone would match nothing; they exclude from the passages.
        root.add("filter", SolrPassageStore.termQuery(IndexSchema.KIND, IndexSchema.KIND_PASSAGE));
        return Optional.of(root.build());
    }

    private void addConstraints(Bool root, ParsedQuery parsed, SearchFilters filters) {
        for (String term : new LinkedHashSet<>(parsed.excludedTerms())) {
            root.add("must_not", SolrPassageStore.termQuery(IndexSchema.WEIGHTED, term));
        }
        for (QueryPhrase phrase : parsed.excludedPhrases()) {
            root.add("must_not", phraseAcrossFields(root.params, phrase));
        }
        audience(root.params, filters.audience()).ifPresent(visible -> root.add("filter", visible));
        filters.source()
                .filter(source -> !source.isBlank())
                .ifPresent(source -> root.add("filter", source(root.params, source)));
        filters.author()
                .filter(author -> !author.isBlank())
                .ifPresent(author -> root.add(
                        "filter",
                        SolrPassageStore.termQuery(IndexSchema.AUTHOR_KEY, PassageDocuments.keyword(author))));
        if (filters.from().isPresent() || filters.to().isPresent()) {
            String from =
                    filters.from().map(day -> Long.toString(day.toEpochDay())).orElse("*");
            String to =
                    filters.to().map(LocalDate::toEpochDay).map(String::valueOf).orElse("*");
            root.add("filter", IndexSchema.PUBLISHED_DAY + ":[" + from + " TO " + to + "]");
        }
    }

    /**
     * The filter keeping what {@code audience} sees, as the embedded {@code AudienceFilter}:
     * documents of no one server, and those of its server; empty when everything is visible.
     */
    static Optional<String> audience(ModifiableSolrParams params, Audience audience) {
        if (audience.everything()) {
            return Optional.empty();
        }
        Bool everyServer = new Bool(params).add("must", "*:*").add("must_not", IndexSchema.OWNER + ":[* TO *]");
        if (audience.server().isEmpty()) {
            return Optional.of(everyServer.build());
        }
        return Optional.of(new Bool(params)
                .add("should", everyServer.build())
                .add(
                        "should",
                        SolrPassageStore.termQuery(
                                IndexSchema.OWNER, audience.server().get()))
                .build());
    }

    /** A document whose publisher, title or id is {@code source}, ignoring case, as search's {@code SourceNames.filter}. */
    private static String source(ModifiableSolrParams params, String source) {
        String key = PassageDocuments.keyword(source);
        return new Bool(params)
                .add("should", SolrPassageStore.termQuery(IndexSchema.PUBLISHER_KEY, key))
                .add("should", SolrPassageStore.termQuery(IndexSchema.TITLE_KEY, key))
                .add("should", SolrPassageStore.termQuery(IndexSchema.DOC_ID, source.strip()))
                .add("should", SolrPassageStore.termQuery(IndexSchema.DOC_ID, key))
                .build();
    }

    /**
     * The proximity boost: a sloppy phrase over the query's distinct terms in the body; empty for a
     * single term, as {@code LexicalQueries.proximity}.
     */
    Optional<String> proximity(ParsedQuery parsed) {
        List<String> distinct = parsed.distinctTerms();
        if (distinct.size() < 2 || settings.proximityBoost() <= 0) {
            return Optional.empty();
        }
        List<String> used = distinct.subList(0, Math.min(distinct.size(), settings.maxProximityTerms()));
        return Optional.of(IndexSchema.BODY + ":" + quoted(String.join(" ", used)) + "~" + settings.proximitySlop()
                + boost(settings.proximityBoost()));
    }

    /** One term of the weighted field, weighing {@code count} times as much when typed {@code count} times. */
    private static String weighted(String term, int count) {
        return IndexSchema.WEIGHTED + ":" + ClientUtils.escapeQueryChars(term) + boost(count);
    }

    /** The phrase's words as written, in order, in the passage's text. */
    private static String exact(QueryPhrase phrase) {
        if (phrase.words().size() == 1) {
            return SolrPassageStore.termQuery(
                    IndexSchema.BODY_WORDS, phrase.words().get(0));
        }
        return IndexSchema.BODY_WORDS + ":" + quoted(String.join(" ", phrase.words()));
    }

    private String phraseAcrossFields(ModifiableSolrParams params, QueryPhrase phrase) {
        if (phrase.terms().size() == 1) {
            return weighted(phrase.terms().get(0), 1);
        }
        String terms = quoted(withGaps(phrase));
        return new Bool(params)
                .add("should", IndexSchema.BODY + ":" + terms)
                .add("should", IndexSchema.TITLE + ":" + terms + boost(fields.titleWeight()))
                .add("should", IndexSchema.SECTION + ":" + terms + boost(fields.sectionWeight()))
                .build();
    }

    /** The phrase's terms with {@code _} where a stop word stood: the configset's query analyzer keeps the gap. */
    private static String withGaps(QueryPhrase phrase) {
        List<String> words = new ArrayList<>();
        int expected = phrase.positions().get(0);
        for (int i = 0; i < phrase.terms().size(); i++) {
            for (; expected < phrase.positions().get(i); expected++) {
                words.add("_");
            }
            words.add(phrase.terms().get(i));
            expected = phrase.positions().get(i) + 1;
        }
        return String.join(" ", words);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String boost(float boost) {
        return boost == 1f ? "" : "^" + boost;
    }
}
