package org.citebot.digest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The parts a digest can have, by the names moderators type in {@code /digest setup sections:}. */
public enum DigestSection {
    NEW("new", "New in the corpus"),
    ASKED("asked", "Most asked"),
    PASSAGE("passage", "Passage of the day"),
    UNANSWERED("unanswered", "Gaps");

    private final String key;
    private final String heading;

    DigestSection(String key, String heading) {
        this.key = key;
        this.heading = heading;
    }

    public String key() {
        return key;
    }

    public String heading() {
        return heading;
    }

    /** Every section. */
    public static Set<DigestSection> all() {
        return EnumSet.allOf(DigestSection.class);
    }

    /**
     * Parses a comma- or space-separated list such as {@code new,asked}; "all" means every section.
     *
     * @throws IllegalArgumentException naming the unknown word and the known ones
     */
    public static Set<DigestSection> parse(String text) {
        EnumSet<DigestSection> sections = EnumSet.noneOf(DigestSection.class);
        for (String word : text.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.equals("all")) {
                return all();
            }
            sections.add(byKey(word));
        }
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("no sections given; choose from " + String.join(", ", keys()));
        }
        return sections;
    }

    /** The keys of {@code sections}, in declaration order. */
    public static List<String> keys(Set<DigestSection> sections) {
        List<String> keys = new ArrayList<>();
        for (DigestSection section : values()) {
            if (sections.contains(section)) {
                keys.add(section.key);
            }
        }
        return keys;
    }

    private static List<String> keys() {
        return keys(all());
    }

    private static DigestSection byKey(String word) {
        for (DigestSection section : values()) {
            if (section.key.equals(word)) {
                return section;
            }
        }
        throw new IllegalArgumentException("unknown section '" + word + "'; choose from " + String.join(", ", keys()));
    }
}
