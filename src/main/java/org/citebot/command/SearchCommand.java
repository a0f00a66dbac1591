package org.citebot.command;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.citebot.passages.Audience;
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;
import org.citebot.search.PassageSearch;
import org.citebot.search.QueryException;
import org.citebot.search.SearchFilters;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;

/**
 * {@code /search query:<text> [source] [results] [private]}: the passages that best answer a
 * question, with paging and sharing. Rate-limited per user.
 */
public final class SearchCommand implements Command {

    /** The most passages one answer may show. */
    public static final int MAX_RESULTS = 10;
    /** Discord allows up to 6000 characters in a string option; queries past 300 are cut anyway. */
    static final int MAX_QUERY_OPTION_LENGTH = 1000;

    private static final CommandSpec SPEC = CommandSpec.slash(
            "search",
            "Find the passages in the corpus that best answer a question",
            List.of(
                    OptionSpec.string("query", "Words, \"a phrase\" or -excluded words", true)
                            .withLength(1, MAX_QUERY_OPTION_LENGTH)
                            .withAutocomplete(),
                    OptionSpec.string("source", "Only this publisher or document", false)
                            .withAutocomplete(),
                    OptionSpec.integer("results", "How many passages to show (1-10)", 1, MAX_RESULTS),
                    OptionSpec.bool("private", "Show the answer only to you")),
            "/search query:nuclear escalation in Europe");

    private final PassageSearch search;
    private final SearchSessions sessions;
    private final MemberLimits limits;
    private final int defaultResults;
    private final Predicate<Optional<String>> privateByDefault;
    private final SearchSuggestions suggestions;
    private final SearchRecorder recorder;
    private final Function<Optional<String>, Audience> audiences;

    /**
     * A search command without autocomplete suggestions.
     *
     * @param privateByDefault whether answers in a guild (empty: the console) are private unless
     *     the user chooses otherwise
     */
    public SearchCommand(
            PassageSearch search,
            SearchSessions sessions,
            MemberLimits limits,
            int defaultResults,
            Predicate<Optional<String>> privateByDefault) {
        this(search, sessions, limits, defaultResults, privateByDefault, SearchSuggestions.NONE, SearchRecorder.NONE);
    }

    /**
     * @param limits each member's budget of searches and of autocomplete
     * @param privateByDefault whether answers in a guild (empty: the console) are private unless
     *     the user chooses otherwise
     * @param suggestions what autocomplete offers for {@code query} and {@code source}
     * @param recorder told about each search run (the query log)
     */
    public SearchCommand(
            PassageSearch search,
            SearchSessions sessions,
            MemberLimits limits,
            int defaultResults,
            Predicate<Optional<String>> privateByDefault,
            SearchSuggestions suggestions,
            SearchRecorder recorder) {
        this(search, sessions, limits, defaultResults, privateByDefault, suggestions, recorder, Audience::in);
    }

    /**
     * @param audiences who a search in a server (empty: a direct message or the console) is for:
     *     the articles added in other servers stay out of its answers
     */
    public SearchCommand(
            PassageSearch search,
            SearchSessions sessions,
            MemberLimits limits,
            int defaultResults,
            Predicate<Optional<String>> privateByDefault,
            SearchSuggestions suggestions,
            SearchRecorder recorder,
            Function<Optional<String>, Audience> audiences) {
        this.audiences = audiences;
        this.search = search;
        this.sessions = sessions;
        this.limits = limits;
        this.defaultResults = defaultResults;
        this.privateByDefault = privateByDefault;
        this.suggestions = suggestions;
        this.recorder = recorder;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandRequest request) {
        String query = request.string("query").orElse("");
        int pageSize = (int)
                Math.max(1, Math.min(MAX_RESULTS, request.integer("results").orElse((long) defaultResults)));
        boolean ephemeral = ephemeralHint(request);
        SearchFilters filters = request.string("source")
                .filter(source -> !source.isBlank())
                .map(SearchFilters::ofSource)
                .orElse(SearchFilters.NONE);
        return run(query, filters, pageSize, ephemeral, request.invoker());
    }

    @Override
    public boolean ephemeralHint(CommandRequest request) {
        return request.bool("private")
                .orElseGet(() -> privateByDefault.test(request.invoker().guildId()));
    }

    @Override
    public List<Choice> autocomplete(String option, String partial, Invoker invoker) {
        // Discord allows no error here; over budget, the member just sees no suggestions for a moment.
        if (!limits.allows(MemberLimits.Action.AUTOCOMPLETE, invoker)) {
            return List.of();
        }
        return switch (option) {
            case "query" -> suggestions.queries(partial, invoker.guildId());
            case "source" -> suggestions.sources(partial, invoker.guildId());
            default -> List.of();
        };
    }

    /** Runs a search for any front end or command that answers with passages. */
    Reply run(String query, SearchFilters filters, int pageSize, boolean ephemeral, Invoker invoker) {
        Optional<Reply> refused = limits.refusal(MemberLimits.Action.SEARCH, invoker);
        if (refused.isPresent()) {
            return refused.get();
        }
        SearchFilters seen = filters.withAudience(audiences.apply(invoker.guildId()));
        SearchResults results;
        try {
            results = search.search(new SearchRequest(query, seen, 0, pageSize));
        } catch (QueryException e) {
            return Reply.notice(e.getMessage());
        }
        recorder.searched(results, invoker, !ephemeral && invoker.guildId().isPresent());
        String token = sessions.open(query, seen, pageSize, ephemeral, invoker.userId());
        return SearchReplies.answer(results, query, token, 0, pageSize, ephemeral);
    }
}
