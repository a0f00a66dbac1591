package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextFragmentLinksTest {

    private static final Optional<URI> URL = Optional.of(URI.create("https://example.org/news/article.html"));

    @Test
    void link_longPassage_usesFirstAndLastWordsAsStartAndEnd() {
        String passage = "The war in Ukraine has entered an extraordinarily dangerous new stage, as the European powers"
                + " escalate the conflict with Russia.";

        Optional<URI> link = TextFragmentLinks.link(URL, passage);

        assertThat(link)
                .map(URI::toString)
                .contains("https://example.org/news/article.html#:~:text="
                        + "The%20war%20in%20Ukraine%20has,escalate%20the%20conflict%20with%20Russia.");
    }

    @Test
    void link_shortPassage_usesASingleTextStart() {
        Optional<URI> link = TextFragmentLinks.link(URL, "Such a war would not remain confined.");

        assertThat(link)
                .map(URI::toString)
                .contains(
                        "https://example.org/news/article.html#:~:text=Such%20a%20war%20would%20not%20remain%20confined.");
    }

    @Test
    void link_directiveSyntaxCharacters_arePercentEncoded() {
        String passage =
                "Long-range strikes, drones & missiles: 5% of GDP for defence #1 in Europe, say rock-solid sources.";

        String link = TextFragmentLinks.link(URL, passage).orElseThrow().toString();
        String directive = link.substring(link.indexOf(":~:text=") + ":~:text=".length());

        assertThat(directive).startsWith("Long%2Drange%20strikes%2C%20drones%20%26%20missiles%3A,");
        assertThat(directive).endsWith(",in%20Europe%2C%20say%20rock%2Dsolid%20sources.");
        assertThat(directive.split(",")).hasSize(2);
        assertThat(directive).doesNotContain(" ", "&", "-", "#");
    }

    @Test
    void link_nonAsciiText_isUtf8PercentEncoded() {
        String link = TextFragmentLinks.link(URL, "On July 7–8 “NATO 3.0” was announced.")
                .orElseThrow()
                .toString();

        assertThat(link).endsWith("#:~:text=On%20July%207%E2%80%938%20%E2%80%9CNATO%203.0%E2%80%9D%20was%20announced.");
    }

    @Test
    void link_urlWithFragment_replacesIt() {
        Optional<URI> link =
                TextFragmentLinks.link(Optional.of(URI.create("https://example.org/a?id=3#top")), "Grain left Odesa.");

        assertThat(link).map(URI::toString).contains("https://example.org/a?id=3#:~:text=Grain%20left%20Odesa.");
    }

    @Test
    void link_noUrl_isEmpty() {
        assertThat(TextFragmentLinks.link(Optional.empty(), "Grain left Odesa."))
                .isEmpty();
    }

    @Test
    void link_whitespaceRunsInPassage_becomeSingleEncodedSpaces() {
        Optional<URI> link = TextFragmentLinks.link(URL, "  Grain\n\nleft\tOdesa.  ");

        assertThat(link).map(URI::getRawFragment).contains(":~:text=Grain%20left%20Odesa.");
    }

    @Test
    void link_anyText_isWhatSplittingTheWholePassageGives() {
        // The links scan only the words at each end; splitting the whole passage (the way they
        // were first built) is the specification they must keep, for every kind of text: runs
        // and kinds of white space, Unicode spaces that do not part words, accents, emoji and
        // unpaired surrogates, passages of every length around the ten-word boundary.
        char[] alphabet = {
            'a', 'Z', '7', '.', '-', ',', '&', '%', ' ', ' ', ' ', '\t', '\n', '\r', '\u000B', '\f', '\u2003', '\u00A0',
            '\u001C', 'é', '–', '“', '\uD83D', '\uDE00', '\uDC00'
        };
        java.util.Random random = new java.util.Random(17);
        for (int round = 0; round < 20_000; round++) {
            char[] text = new char[random.nextInt(120)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String passage = new String(text);

            assertThat(TextFragmentLinks.link(URL, passage))
                    .as(
                            "link to %s",
                            passage.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(splittingWholePassage(passage));
        }
    }

    private static Optional<URI> splittingWholePassage(String passage) {
        java.util.List<String> words = java.util.Arrays.stream(passage.strip().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
        if (words.isEmpty()) {
            return Optional.empty();
        }
        int edge = TextFragmentLinks.EDGE_WORDS;
        String directive = words.size() <= 2 * edge
                ? percentEncoded(String.join(" ", words))
                : percentEncoded(String.join(" ", words.subList(0, edge))) + ","
                        + percentEncoded(String.join(" ", words.subList(words.size() - edge, words.size())));
        return Optional.of(URI.create(URL.orElseThrow() + "#:~:text=" + directive));
    }

    private static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '~';
            encoded.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return encoded.toString();
    }
}
