package org.citebot.search;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds deep links that open a source at a passage using a text fragment
 * ({@code #:~:text=start,end}, WICG Text Fragments): {@code start} is the passage's first words and
 * {@code end} its last words, so the browser scrolls to and highlights the whole passage. Used by
 * the search service for every hit.
 */
public final class TextFragmentLinks {

    /** Words taken from each end of the passage. */
    static final int EDGE_WORDS = 5;

    private TextFragmentLinks() {}

    /**
     * The link to {@code passageText} in the document at {@code url}; empty without a URL or text.
     * A fragment already on the URL is replaced. A passage of at most {@code 2 * EDGE_WORDS} words
     * is linked with a single {@code textStart} holding all of it.
     */
    public static Optional<URI> link(Optional<URI> url, String passageText) {
        if (url.isEmpty()) {
            return Optional.empty();
        }
        List<String> words = Arrays.stream(passageText.strip().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String directive;
        if (words.size() <= 2 * EDGE_WORDS) {
            directive = encode(String.join(" ", words));
        } else {
            directive = encode(String.join(" ", words.subList(0, EDGE_WORDS))) + ","
                    + encode(String.join(" ", words.subList(words.size() - EDGE_WORDS, words.size())));
        }
        String base = url.get().toString();
        int hash = base.indexOf('#');
        if (hash >= 0) {
            base = base.substring(0, hash);
        }
        return Optional.of(URI.create(base + "#:~:text=" + directive));
    }

    /**
     * Percent-encodes UTF-8 bytes of everything but ASCII letters, digits and {@code . _ ~}: the
     * directive's own syntax ({@code - , &}) and spaces ({@code %20}) included.
     */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder(text.length() * 2);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
