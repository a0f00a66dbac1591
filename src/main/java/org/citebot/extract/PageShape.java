package org.citebot.extract;

/**
 * Measurements of a whole page, taken before any boilerplate is removed, that tell an article from a
 * home page, a login wall or a paywall stub.
 *
 * @param words visible words on the page
 * @param linkWords visible words inside links
 * @param passwordFields password inputs (a login form)
 * @param paywallMarkers page parts that announce a paywall or a subscription wall
 * @param declaredArticle whether the page calls itself an article (JSON-LD article type, {@code og:type})
 */
public record PageShape(int words, int linkWords, int passwordFields, int paywallMarkers, boolean declaredArticle) {

    /** Runs of letters and digits in {@code text}. */
    public static int countWords(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return words;
    }

    /** The share of the page's words that are link text, 0 for an empty page. */
    public double linkShare() {
        return words == 0 ? 0 : (double) linkWords / words;
    }
}
