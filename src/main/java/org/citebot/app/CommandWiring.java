package org.citebot.app;

import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.citebot.command.ActionHandler;
import org.citebot.command.Command;
import org.citebot.command.CommandRegistry;
import org.citebot.command.CommandSpec;
import org.citebot.command.DigestCommand;
import org.citebot.command.FindSourcesCommand;
import org.citebot.command.HelpCommand;
import org.citebot.command.MemberLimits;
import org.citebot.command.ModeratorPolicy;
import org.citebot.command.OperatorPolicy;
import org.citebot.command.PendingSources;
import org.citebot.command.ReindexCommand;
import org.citebot.command.SearchActionHandler;
import org.citebot.command.SearchCommand;
import org.citebot.command.SearchRecorder;
import org.citebot.command.SearchSessions;
import org.citebot.command.SearchSuggestions;
import org.citebot.command.ServerChannels;
import org.citebot.command.SettingsCommand;
import org.citebot.command.SourcesActionHandler;
import org.citebot.command.SourcesCommand;
import org.citebot.command.StatusCommand;
import org.citebot.command.StatusSource;
import org.citebot.command.VoteActionHandler;
import org.citebot.config.CitebotConfig;
import org.citebot.digest.DigestService;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentSummary;
import org.citebot.questions.AnswerVotes;
import org.citebot.questions.QueryLog;
import org.citebot.reindex.ReindexService;
import org.citebot.reply.Choice;
import org.citebot.search.PassageSearch;
import org.citebot.state.SqlGuildPreferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a command is added: {@link #commands} lists every slash command in the order
 * {@code /help} shows them, and {@link #actions} every button handler. Each command gets exactly
 * the services it uses from {@link Services}, never the whole bot; a new command is one line in
 * {@link #commands} (and, when it needs a service no command used before, one component in {@link
 * Services}, filled in by the composition root).
 */
final class CommandWiring {

    private static final Logger LOG = LoggerFactory.getLogger(CommandWiring.class);

    /**
     * What commands may use, built by {@link Citebot} before the commands.
     *
     * @param search the search every command uses: the cache in front of the index, when it is on
     * @param catalog the documents and vocabulary of the serving index, in memory
     * @param housekeeping each server's shared questions for autocomplete
     * @param channels whether a channel option names a channel of the invoker's server
     * @param status what {@code /status} reports
     * @param rateLimitRefusals counts every request the member limits refuse
     * @param votes members' votes on answers
     * @param curation adding and removing articles by URL, and who sees which added article
     */
    record Services(
            CitebotConfig config,
            Clock clock,
            Instant startedAt,
            PassageSearch search,
            CorpusCatalog catalog,
            QueryLog queryLog,
            Housekeeping housekeeping,
            SqlGuildPreferences guildSettings,
            ModeratorPolicy moderators,
            OperatorPolicy operators,
            ServerChannels channels,
            ReindexService reindex,
            DigestService digests,
            StatusSource status,
            Runnable rateLimitRefusals,
            AnswerVotes votes,
            SourcesCommand.Curation curation) {}

    private final Services services;
    private final MemberLimits limits;
    private final SearchSessions sessions;
    private final SearchCommand searchCommand;
    /** Previews of articles a moderator asked to add, waiting for Add to corpus or Cancel. */
    private final PendingSources previews;

    private CommandWiring(Services services, Ticker ticker) {
        this.services = services;
        this.limits = memberLimits(services, ticker);
        CitebotConfig config = services.config();
        this.sessions = new SearchSessions(
                ticker,
                new SecureRandom(),
                config.cache().sessions(),
                config.cache().sessionBytes());
        boolean configuredPrivate = config.discord().privateByDefault();
        this.searchCommand = new SearchCommand(
                services.search(),
                sessions,
                limits,
                config.search().results(),
                guild -> guild.flatMap(services.guildSettings()::privateByDefault)
                        .orElse(guild.isPresent() && configuredPrivate),
                new SearchSuggestions(this::sourceChoices, this::querySuggestions, true),
                recorder(),
                services.curation().audiences());
        this.previews = new PendingSources(ticker);
    }

    /** Every command and button handler of a running citebot, wired to {@code services}. */
    static CommandRegistry registry(Services services, Ticker ticker) {
        CommandWiring wiring = new CommandWiring(services, ticker);
        // Help lists the registry it belongs to, which exists only once the list is made.
        AtomicReference<CommandRegistry> registry = new AtomicReference<>();
        registry.set(new CommandRegistry(wiring.commands(() -> registry.get().specs()), wiring.actions()));
        return registry.get();
    }

    /** Every slash command, in the order {@code /help} lists them. Add a new command here. */
    private List<Command> commands(Supplier<List<CommandSpec>> allSpecs) {
        CitebotConfig config = services.config();
        List<Command> commands = new ArrayList<>();
        commands.add(searchCommand);
        commands.add(new FindSourcesCommand(searchCommand, config.search().results()));
        commands.add(new SourcesCommand(this::documents, limits, services.curation(), services.moderators(), previews));
        commands.add(new StatusCommand(services.status(), services.clock(), services.startedAt(), limits));
        commands.add(new HelpCommand(allSpecs));
        commands.add(new SettingsCommand(
                services.guildSettings(),
                services.moderators(),
                config.discord().privateByDefault(),
                config.moderators().logChannel(),
                services.channels()));
        commands.add(new ReindexCommand(services.reindex(), services.operators(), services.clock()));
        commands.add(new DigestCommand(services.digests(), services.moderators(), services.channels(), limits));
        return commands;
    }

    /** Every button handler, by the prefix of the action ids it answers. */
    private List<ActionHandler> actions() {
        return List.of(
                new SearchActionHandler(services.search(), sessions, limits),
                new VoteActionHandler(services.search(), sessions, services.votes(), limits, services.clock()),
                new SourcesActionHandler(
                        this::documents, limits, services.curation(), services.moderators(), previews));
    }

    /** Each member's budgets ({@code rateLimit.*}); every refusal is counted. */
    private static MemberLimits memberLimits(Services services, Ticker ticker) {
        CitebotConfig.RateLimit configured = services.config().rateLimit();
        return MemberLimits.of(
                Map.of(
                        MemberLimits.Action.SEARCH, configured.searches(),
                        MemberLimits.Action.BUTTON, configured.buttons(),
                        MemberLimits.Action.AUTOCOMPLETE, configured.autocomplete(),
                        MemberLimits.Action.LOOKUP, configured.lookups(),
                        MemberLimits.Action.DIGEST_PREVIEW, configured.digestPreviews()),
                configured.window(),
                services.clock(),
                ticker,
                services.rateLimitRefusals());
    }

    /** What a search leaves in the query log; a failure to record it never fails the search. */
    private SearchRecorder recorder() {
        QueryLog queryLog = services.queryLog();
        Clock clock = services.clock();
        return (results, invoker, shownPublicly) -> {
            try {
                // result_count is "at least" for common queries (SearchResults#totalIsLowerBound), and 0
                // when nothing answered well; the log only ever asks whether it is zero.
                Optional<String> guild = invoker.guildId();
                if (shownPublicly && guild.isPresent()) {
                    boolean nowShared = queryLog.recordPublic(
                            results.normalizedQuery(),
                            guild.get(),
                            invoker.userId(),
                            clock.instant(),
                            results.answeringHits());
                    if (nowShared) {
                        // Offered from the next keystroke on, not a minute later.
                        services.housekeeping().forgetSharedQuestions(guild.get());
                    }
                } else {
                    queryLog.record(results.normalizedQuery(), guild, clock.instant(), results.answeringHits());
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not record a search in the query log: {}", e.toString());
            }
        };
    }

    /** The titles and publishers the members of {@code guild} see (empty: a direct message or the console). */
    private List<Choice> sourceChoices(Optional<String> guild) {
        Audience audience = services.curation().audiences().apply(guild);
        CorpusCatalog.Snapshot snapshot = services.catalog().get();
        List<Choice> choices = new ArrayList<>();
        for (DocumentSummary document : snapshot.documents()) {
            if (!audience.sees(document.origin())) {
                continue;
            }
            choices.add(SearchSuggestions.sourceChoice(document.metadata().title(), document.docId()));
        }
        for (String publisher : visible(
                guild, snapshot, document -> document.metadata().publisher().orElse(null))) {
            choices.add(SearchSuggestions.sourceChoice(publisher, publisher));
        }
        return choices;
    }

    /**
     * The names {@code name} gives the documents {@code guild}'s members see, once each, ignoring
     * case: another server's added articles never lend their titles or publishers to autocomplete.
     */
    private List<String> visible(
            Optional<String> guild,
            CorpusCatalog.Snapshot snapshot,
            java.util.function.Function<DocumentSummary, @org.jspecify.annotations.Nullable String> name) {
        Audience audience = services.curation().audiences().apply(guild);
        java.util.Set<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (DocumentSummary document : snapshot.documents()) {
            String named = name.apply(document);
            if (named != null && audience.sees(document.origin())) {
                names.add(named);
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * In a server, its shared questions first, then titles and section headings; in a direct
     * message (or the console) titles and headings only, since nobody else's questions belong
     * there.
     */
    private List<String> querySuggestions(Optional<String> guild) {
        CorpusCatalog.Snapshot snapshot = services.catalog().get();
        List<String> all = new ArrayList<>(services.housekeeping().sharedQuestions(guild));
        all.addAll(visible(guild, snapshot, document -> document.metadata().title()));
        // Section headings of articles a server added are not in the shared vocabulary at all.
        all.addAll(snapshot.sections());
        return all;
    }

    private List<DocumentSummary> documents() {
        return services.catalog().get().documents();
    }
}
