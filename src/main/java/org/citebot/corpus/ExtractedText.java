package org.citebot.corpus;

import java.util.Set;

/**
 * What a {@link FormatReader} gets out of a file before cleaning: plain text with blocks separated by
 * blank lines, the metadata the format itself carries, and the blocks its markup declares headings
 * or captions (HTML {@code <h2>}, Markdown {@code ##}, {@code <figcaption>}), which need no guessing.
 */
record ExtractedText(String text, MetadataHints metadata, Set<String> headings, Set<String> captions) {

    ExtractedText {
        headings = Set.copyOf(headings);
        captions = Set.copyOf(captions);
    }

    static ExtractedText plain(String text) {
        return new ExtractedText(text, MetadataHints.NONE, Set.of(), Set.of());
    }
}
