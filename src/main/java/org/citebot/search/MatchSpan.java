package org.citebot.search;

/**
 * Where a query term matched in a passage, with the indexed term, so the excerpt can favour the
 * rarer words of a question over its common ones.
 */
public record MatchSpan(HighlightSpan span, String term) {}
