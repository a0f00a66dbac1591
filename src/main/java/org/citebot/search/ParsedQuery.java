package org.citebot.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * A user's query after safe parsing and analysis: what must, may and must not match. Built by
 * {@link UserQueryParser}; the search service turns it into Lucene queries and caches key on
 * {@link #normalized()}.
 *
 * @param text the query as searched: control characters stripped, whitespace collapsed, cut to
 *     {@link UserQueryParser#MAX_CHARS}
 * @param terms analyzed terms of the unquoted words, in the order typed (repeats kept: they weigh more)
 * @param phrases quoted phrases; each must appear as written (a one-word phrase is a required word)
 * @param excludedTerms analyzed terms of {@code -word}s; a passage containing one is left out
 * @param excludedPhrases analyzed {@code -"phrases"}; a passage containing one, in any form, is left out
 * @param words the unquoted and quoted words lower-cased but not stemmed, for spelling suggestions
 * @param question what the query asks, in the member's words: the text without its exclusions and
 *     quote marks, question words included; what the semantic leg embeds
 */
public record ParsedQuery(
        String text,
        List<String> terms,
        List<QueryPhrase> phrases,
        List<String> excludedTerms,
        List<QueryPhrase> excludedPhrases,
        List<String> words,
        String question) {

    public ParsedQuery {
        terms = List.copyOf(terms);
        phrases = List.copyOf(phrases);
        excludedTerms = List.copyOf(excludedTerms);
        excludedPhrases = List.copyOf(excludedPhrases);
        words = List.copyOf(words);
    }

    /** The distinct terms in the order first typed. */
    public List<String> distinctTerms() {
        return List.copyOf(new LinkedHashSet<>(terms));
    }

    /**
     * A canonical string of the analyzed query: sorted distinct terms, then sorted phrases, then
     * sorted exclusions, separated by single spaces ({@code nato summit "nuclear war" -russia}).
     * Questions typed differently but analyzed alike get the same string.
     */
    public String normalized() {
        List<String> parts = new ArrayList<>(new TreeSet<>(terms));
        TreeSet<String> quoted = new TreeSet<>();
        phrases.forEach(phrase -> quoted.add(phrase.canonical()));
        parts.addAll(quoted);
        TreeSet<String> excluded = new TreeSet<>();
        excludedTerms.forEach(term -> excluded.add("-" + term));
        excludedPhrases.forEach(phrase -> excluded.add("-" + phrase.analyzed()));
        parts.addAll(excluded);
        return String.join(" ", parts);
    }
}
