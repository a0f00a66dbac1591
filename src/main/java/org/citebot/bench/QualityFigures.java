package org.citebot.bench;

/**
 * Search quality beside the speed: nDCG@10 on BEIR SciFact of citebot's search and of SQLite FTS5's
 * bm25 ranking, both over the 5,183 abstracts (one document each) and the 300 test topics.
 */
public record QualityFigures(String collection, int queries, double citebotNdcgAt10, double fts5NdcgAt10) {}
