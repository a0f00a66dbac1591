package org.citebot.eval.beir;

/** One line of a run: a retrieved document and the score the system gave it. */
public record ScoredDocument(String docId, double score) {}
