package org.citebot.command;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citebot.reply.Reply;
import org.citebot.search.SearchFilters;

/**
 * The "Find sources" message menu entry: searches the corpus for the passages most related to the
 * words of the message it was used on, and answers privately with the same cards as {@code /search}.
 */
public final class FindSourcesCommand implements Command {

    /** The words of a long message beyond these are left out of the query. */
    static final int MAX_WORDS = 32;

    static final int MAX_QUERY_CHARS = 300;
    static final String NO_WORDS = "That message has no words to search for: only links, mentions, emoji or symbols.";

    private static final CommandSpec SPEC = new CommandSpec(
            "Find sources",
            "Find the passages in the corpus most related to a message",
            CommandSpec.Kind.MESSAGE_CONTEXT,
            List.of(),
            "Right-click (or long-press) a message → Apps → Find sources",
            false);

    // Links, Discord mentions (<@1>, <@&2>, <#3>), custom emoji (<:name:4>) and timestamps (<t:5:R>)
    // say nothing about the subject, and their digits would match page numbers.
    private static final Pattern NOISE =
            Pattern.compile("https?://\\S+|<(?:@[!&]?|#)\\d+>|<a?:\\w+:\\d+>|<t:-?\\d+(?::\\w)?>|:\\w+:");
    // A word starts with a letter or digit, so query syntax (quotes, a leading minus) never survives.
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}'’-]*");

    private final SearchCommand search;
    private final int results;

    /**
     * @param search the search whose run path, rate limit and sessions are reused
     * @param results how many passages to show
     */
    public FindSourcesCommand(SearchCommand search, int results) {
        this.search = search;
        this.results = Math.max(1, Math.min(SearchCommand.MAX_RESULTS, results));
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandRequest request) {
        String query = query(request.targetText().orElse(""));
        if (query.isEmpty()) {
            return Reply.notice(NO_WORDS);
        }
        return search.run(query, SearchFilters.NONE, results, true, request.invoker());
    }

    /** The words of {@code message} as a plain query: no links, mentions or syntax; empty when none. */
    static String query(String message) {
        Matcher words = WORD.matcher(NOISE.matcher(message).replaceAll(" "));
        List<String> kept = new ArrayList<>();
        int length = 0;
        while (words.find() && kept.size() < MAX_WORDS) {
            String word = words.group().replaceAll("[-'’]+$", "");
            if (length + word.length() + 1 > MAX_QUERY_CHARS) {
                break;
            }
            kept.add(word);
            length += word.length() + 1;
        }
        return String.join(" ", kept);
    }
}
