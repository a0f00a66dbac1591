/**
 * Search-quality evaluation on public test collections (BEIR SciFact, CACM): readers for their
 * corpora, topics and relevance judgements, trec_eval's measures, and retrieval profiles that
 * reproduce Anserini's published BM25 baseline and measure citebot's own ranking against it. Used by
 * {@code citebot eval} and by the reproduction tests; the collections themselves are never bundled.
 */
@NullMarked
package org.citebot.eval.beir;

import org.jspecify.annotations.NullMarked;
