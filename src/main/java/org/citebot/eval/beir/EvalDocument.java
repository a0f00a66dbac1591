package org.citebot.eval.beir;

/**
 * One document of a test collection as its readers deliver it.
 *
 * @param id the collection's document id, as the relevance judgements name it
 * @param title the title, empty when the collection has none
 * @param text the body text
 */
public record EvalDocument(String id, String title, String text) {

    public EvalDocument {
        if (id.isBlank()) {
            throw new IllegalArgumentException("document id must not be blank");
        }
    }
}
