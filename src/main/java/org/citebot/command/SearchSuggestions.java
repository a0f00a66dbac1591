package org.citebot.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.citebot.reply.Choice;

/**
 * Autocomplete suggestions for {@code /search}, matched in memory: for {@code source} the titles
 * and publishers of the corpus, for {@code query} titles, section headings and the server's shared
 * questions (asked publicly there by several members; never another server's, none in direct
 * messages). The composition root wires the suppliers to whatever keeps those lists current.
 */
public final class SearchSuggestions {

    /** Discord shows at most this many suggestions. */
    public static final int MAX_CHOICES = 25;
    /** Discord's limit on a suggestion's name and value. */
    public static final int MAX_LENGTH = 100;

    /** No suggestions at all, for front ends or tests that have none. */
    public static final SearchSuggestions NONE = new SearchSuggestions(List::of, guild -> List.of());

    private final Function<Optional<String>, List<Choice>> sources;
    private final Function<Optional<String>, List<String>> queries;

    /**
     * @param sources titles and publishers, in the order they should be offered when nothing is
     *     typed; each value is what the {@code source} filter accepts (a document id where a title is
     *     too long for Discord's 100 characters)
     * @param queries for a server (empty: the console), its frequent queries, titles and section
     *     headings, in the same sense
     */
    public SearchSuggestions(Supplier<List<Choice>> sources, Function<Optional<String>, List<String>> queries) {
        this(guild -> sources.get(), queries, true);
    }

    /**
     * @param sources for a server (empty: a direct message or the console), the titles and
     *     publishers it sees: never another server's added articles
     * @param queries as in {@link #SearchSuggestions(Supplier, Function)}
     * @param perServer marks this constructor apart from the other, whose erasure is the same
     */
    public SearchSuggestions(
            Function<Optional<String>, List<Choice>> sources,
            Function<Optional<String>, List<String>> queries,
            boolean perServer) {
        this.sources = sources;
        this.queries = queries;
    }

    /** Titles and publishers matching what is typed; each choice's value works as a source filter. */
    public List<Choice> sources(String partial) {
        return sources(partial, Optional.empty());
    }

    /** Like {@link #sources(String)}, of what {@code guildId}'s members see. */
    public List<Choice> sources(String partial, Optional<String> guildId) {
        return matchChoices(sources.apply(guildId), partial);
    }

    public List<Choice> queries(String partial, Optional<String> guildId) {
        return match(queries.apply(guildId), partial);
    }

    /** A source choice: the title shown, and a value that fits Discord's limit and still filters. */
    public static Choice sourceChoice(String title, String filterValue) {
        String value = title.length() <= MAX_LENGTH ? title : filterValue;
        return new Choice(choice(title).name(), cut(value, MAX_LENGTH));
    }

    /**
     * Up to {@link #MAX_CHOICES} candidates matching {@code partial} case-insensitively: those that
     * start with it first, then those with a word starting with it, then those containing it; each
     * group in the candidates' order, duplicates (ignoring case) and blanks left out.
     */
    static List<Choice> match(List<String> candidates, String partial) {
        List<Choice> choices = new ArrayList<>(candidates.size());
        for (String candidate : candidates) {
            choices.add(choice(candidate.strip()));
        }
        return matchChoices(choices, partial);
    }

    /** Like {@link #match}, over ready-made choices matched by their names. */
    static List<Choice> matchChoices(List<Choice> candidates, String partial) {
        String needle = partial.strip().toLowerCase(Locale.ROOT);
        List<List<Choice>> ranks = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Set<String> seen = new HashSet<>();
        for (Choice candidate : candidates) {
            String lower = candidate.name().strip().toLowerCase(Locale.ROOT);
            if (lower.isEmpty() || candidate.value().isBlank() || !seen.add(lower)) {
                continue;
            }
            int rank = rank(lower, needle);
            if (rank >= 0) {
                ranks.get(rank).add(candidate);
            }
        }
        List<Choice> choices = new ArrayList<>();
        for (List<Choice> rank : ranks) {
            for (Choice choice : rank) {
                if (choices.size() == MAX_CHOICES) {
                    return choices;
                }
                choices.add(choice);
            }
        }
        return choices;
    }

    /** A choice whose name and value fit Discord's limits; a long value is cut without an ellipsis. */
    static Choice choice(String text) {
        if (text.length() <= MAX_LENGTH) {
            return new Choice(text, text);
        }
        return new Choice(cut(text, MAX_LENGTH - 1) + "…", cut(text, MAX_LENGTH));
    }

    private static int rank(String lower, String needle) {
        if (needle.isEmpty() || lower.startsWith(needle)) {
            return 0;
        }
        int at = lower.indexOf(needle);
        if (at < 0) {
            return -1;
        }
        for (int i = at; i >= 0; i = lower.indexOf(needle, i + 1)) {
            if (!Character.isLetterOrDigit(lower.charAt(i - 1))) {
                return 1;
            }
        }
        return 2;
    }

    private static String cut(String text, int max) {
        int end = Math.min(max, text.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).strip();
    }
}
