package org.citebot.eval.beir;

/**
 * One query of a test collection.
 *
 * @param id the query id, as the relevance judgements name it
 * @param text the query text as a user would type it
 */
public record Topic(String id, String text) {}
