package org.citebot.corpus;

import java.util.Optional;

/**
 * A searchable chunk of a document: one or more whole paragraphs, or part of a long one cut at
 * sentence boundaries. The unit the index stores and the bot cites.
 *
 * @param docId the {@link SourceDocument#id()} it belongs to
 * @param ordinal 0-based position among the document's passages
 * @param paragraph number of the first paragraph it covers (1-based)
 * @param start offset of its first character in the document's cleaned text
 * @param end offset one past its last character in the document's cleaned text
 */
public record Passage(
        String docId, int ordinal, int paragraph, Optional<String> section, String text, int start, int end) {

    /** The id the index knows this passage by: {@code docId#ordinal}. */
    public String id() {
        return docId + "#" + ordinal;
    }
}
