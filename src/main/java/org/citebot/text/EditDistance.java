package org.citebot.text;

/**
 * The Levenshtein distance between two strings, for the few places that tell a typo from another
 * word: the configuration's misspelt environment variables and search's closest titles. Plain Java,
 * so neither needs Lucene's automata for a handful of short names.
 */
public final class EditDistance {

    private EditDistance() {}

    /** Edits (insertions, deletions, substitutions of one char) that turn {@code a} into {@code b}. */
    public static int between(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
