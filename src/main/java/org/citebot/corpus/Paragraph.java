package org.citebot.corpus;

import java.util.Optional;

/**
 * One paragraph of a cleaned document, with its place in the cleaned text. Headings are not
 * paragraphs: they become the {@code section} of the paragraphs under them.
 *
 * @param number 1-based paragraph number within the document, as shown in footers ("¶n")
 * @param start offset of the first character in {@link SourceDocument#text()}
 * @param end offset one past the last character in {@link SourceDocument#text()}
 * @param caption true for an image caption, which is never merged with body paragraphs
 */
public record Paragraph(int number, Optional<String> section, String text, int start, int end, boolean caption) {}
