package org.citebot.search;

/** How a search ranked its passages: by words alone, or by words and meaning fused. */
public enum SearchMode {
    /** BM25F over the words (with proximity and diversity): exact, and the fallback without a model. */
    LEXICAL,
    /** The lexical ranking and the semantic model's nearest passages, fused by reciprocal rank. */
    HYBRID;

    /** The lower-case name replies and JSON show. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
