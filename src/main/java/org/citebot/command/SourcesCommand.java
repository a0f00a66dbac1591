package org.citebot.command;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;
import org.citebot.extract.ArticleMetadata;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentSummary;
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;
import org.citebot.sources.SourceCuration;
import org.citebot.sources.SourcePreview;
import org.citebot.sources.SourceRecord;
import org.citebot.sources.SourceRefusedException;

/**
 * {@code /sources list|add|remove}: the documents a server sees (title, publisher, date, passage
 * count, and for an article added by URL who added it and when), ten per page; moderators add an
 * article by its URL after a private preview with "Add to corpus" and "Cancel" buttons, and remove
 * one their server added. Always private.
 */
public final class SourcesCommand implements Command {

    static final String LIST = "list";
    static final String ADD = "add";
    static final String REMOVE = "remove";
    static final String REFRESH = "refresh";

    /** Fetches running at once; more are told to try again, so slow sites cannot tie up the workers. */
    static final int MAX_FETCHES = 2;
    /** Longest override of a title or an author. */
    static final int MAX_OVERRIDE_LENGTH = 200;
    /** Characters of the article shown in the preview card. */
    static final int PREVIEW_CHARS = 900;

    private static final CommandSpec SPEC = new CommandSpec(
            "sources",
            "The documents in the corpus; moderators add and remove articles",
            CommandSpec.Kind.SLASH,
            List.of(),
            "/sources list filter:guardian",
            false,
            List.of(
                    new SubcommandSpec(
                            LIST,
                            "List the documents in the corpus",
                            List.of(OptionSpec.string(
                                            "filter",
                                            "Only documents whose title, publisher or author contains this",
                                            false)
                                    .withLength(1, SourcesPages.MAX_FILTER_LENGTH)),
                            "/sources list filter:guardian",
                            false),
                    new SubcommandSpec(
                            ADD,
                            "Preview an article by its URL, then add it to this server's corpus (moderators)",
                            List.of(
                                    OptionSpec.string("url", "The article's https:// URL (a web page or a PDF)", true)
                                            .withLength(8, 2000),
                                    OptionSpec.string("title", "Use this title instead of the page's", false)
                                            .withLength(1, MAX_OVERRIDE_LENGTH),
                                    OptionSpec.string("author", "Use this author instead of the page's", false)
                                            .withLength(1, MAX_OVERRIDE_LENGTH),
                                    OptionSpec.string("published", "Publication date, YYYY-MM-DD", false)
                                            .withLength(10, 10)),
                            "/sources add url:https://example.org/2026/an-article",
                            true),
                    new SubcommandSpec(
                            REMOVE,
                            "Remove an article this server added (moderators)",
                            List.of(OptionSpec.string("document", "The article to remove", true)
                                    .withAutocomplete()
                                    .withLength(1, 100)),
                            "/sources remove document:web-…",
                            true),
                    new SubcommandSpec(
                            REFRESH,
                            "Fetch a changed article again and reindex it (moderators)",
                            List.of(OptionSpec.string("document", "The article to refresh", true)
                                    .withAutocomplete()
                                    .withLength(1, 100)),
                            "/sources refresh document:web-…",
                            true)));

    /**
     * What {@code add} and {@code remove} need: the curation service, the pending previews, who sees
     * what, and where a server's moderator log is.
     *
     * @param audiences the audience of a server (empty: a direct message or the console)
     * @param notes posts a note in a server's moderator log
     * @param indexChanged called after an article was added or removed, to refresh the catalog
     */
    public record Curation(
            SourceCuration curation,
            Function<Optional<String>, Audience> audiences,
            ServerNotes notes,
            Runnable indexChanged) {}

    private final Supplier<List<DocumentSummary>> documents;
    private final MemberLimits limits;
    private final Optional<Curation> curation;
    private final ModeratorPolicy moderators;
    private final PendingSources pending;
    private final Semaphore fetches = new Semaphore(MAX_FETCHES);

    /** Unlimited, listing only: for front ends and tests without members. */
    public SourcesCommand(Supplier<List<DocumentSummary>> documents) {
        this(documents, MemberLimits.UNLIMITED);
    }

    /**
     * Listing only.
     *
     * @param documents every document of the current index, read on each request
     * @param limits each member's budget of lookups
     */
    public SourcesCommand(Supplier<List<DocumentSummary>> documents, MemberLimits limits) {
        this(
                documents,
                limits,
                Optional.empty(),
                new ModeratorPolicy(List.of()),
                new PendingSources(Ticker.systemTicker()));
    }

    /**
     * Listing, adding and removing.
     *
     * @param pending the previews waiting for their buttons, shared with {@link SourcesActionHandler}
     */
    public SourcesCommand(
            Supplier<List<DocumentSummary>> documents,
            MemberLimits limits,
            Curation curation,
            ModeratorPolicy moderators,
            PendingSources pending) {
        this(documents, limits, Optional.of(curation), moderators, pending);
    }

    private SourcesCommand(
            Supplier<List<DocumentSummary>> documents,
            MemberLimits limits,
            Optional<Curation> curation,
            ModeratorPolicy moderators,
            PendingSources pending) {
        this.documents = documents;
        this.limits = limits;
        this.curation = curation;
        this.moderators = moderators;
        this.pending = pending;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandRequest request) {
        // Discord always names the subcommand; front ends and tests that do not mean the listing.
        String sub = request.subcommand().orElse(LIST);
        SubcommandSpec spec = SPEC.subcommand(sub)
                .orElseThrow(() -> new UserFacingException("/sources has no subcommand " + sub + "."));
        if (spec.moderatorOnly()) {
            moderators.require(request.invoker(), SPEC.name() + " " + sub);
        }
        Optional<Reply> refused = limits.refusal(MemberLimits.Action.LOOKUP, request.invoker());
        if (refused.isPresent()) {
            return refused.get();
        }
        return switch (sub) {
            case LIST -> list(request);
            case ADD -> add(request, curated());
            case REMOVE -> remove(request, curated());
            case REFRESH -> refresh(request, curated());
            default -> throw new UserFacingException("/sources has no subcommand " + sub + ".");
        };
    }

    @Override
    public List<Choice> autocomplete(String option, String partial, Invoker invoker) {
        if (!option.equals("document")
                || curation.isEmpty()
                || !moderators.isModerator(invoker)
                || !limits.allows(MemberLimits.Action.AUTOCOMPLETE, invoker)) {
            return List.of();
        }
        Audience audience = curation.get().audiences().apply(invoker.guildId());
        String wanted = partial.strip().toLowerCase(Locale.ROOT);
        List<Choice> choices = new ArrayList<>();
        for (SourceRecord record : curation.get().curation().records(audience)) {
            if (!SourceCuration.removableBy(record, audience)) {
                continue;
            }
            String title = record.title();
            if (wanted.isEmpty()
                    || title.toLowerCase(Locale.ROOT).contains(wanted)
                    || record.id().contains(wanted)) {
                String name = title.length() <= SearchSuggestions.MAX_LENGTH
                        ? title
                        : title.substring(0, SearchSuggestions.MAX_LENGTH - 1).strip() + StyledText.ELLIPSIS;
                choices.add(new Choice(name, record.id()));
            }
            if (choices.size() == SearchSuggestions.MAX_CHOICES) {
                break;
            }
        }
        return choices;
    }

    private Curation curated() {
        return curation.orElseThrow(
                () -> new UserFacingException("Adding and removing articles is not available here."));
    }

    private Reply list(CommandRequest request) {
        Optional<Audience> audience =
                curation.map(c -> c.audiences().apply(request.invoker().guildId()));
        List<DocumentSummary> visible =
                audience.map(a -> SourcesPages.visible(documents.get(), a)).orElseGet(documents);
        List<SourceRecord> records =
                curation.map(c -> c.curation().records(Audience.EVERYTHING)).orElse(List.of());
        return SourcesPages.page(visible, records, request.string("filter").orElse(""), 0);
    }

    private Reply add(CommandRequest request, Curation curated) {
        String url = request.string("url")
                .map(String::strip)
                .orElseThrow(() -> new UserFacingException(
                        "Give the article's URL: " + SPEC.subcommands().get(1).example()));
        ArticleMetadata overrides = overrides(request);
        if (!fetches.tryAcquire()) {
            return Reply.notice("citebot is fetching other articles right now; try again in a moment.");
        }
        SourcePreview preview;
        try {
            preview = curated.curation().preview(url);
        } catch (SourceRefusedException e) {
            return Reply.notice("That URL cannot be added: " + e.getMessage());
        } finally {
            fetches.release();
        }
        ArticleMetadata extracted = preview.metadata();
        SourcePreview corrected = preview.withMetadata(new ArticleMetadata(
                overrides.title().or(extracted::title),
                overrides.author().or(extracted::author),
                overrides.published().or(extracted::published),
                extracted.publisher(),
                extracted.url(),
                extracted.language()));
        String token = pending.hold(new PendingSources.Pending(
                corrected, request.invoker().userId(), request.invoker().guildId()));
        return previewReply(corrected, token);
    }

    private static ArticleMetadata overrides(CommandRequest request) {
        Optional<LocalDate> published = request.string("published").map(text -> {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new UserFacingException(
                        "published: “" + text.strip() + "” is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20.");
            }
        });
        return new ArticleMetadata(
                request.string("title").map(String::strip).filter(s -> !s.isEmpty()),
                request.string("author").map(String::strip).filter(s -> !s.isEmpty()),
                published,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** The private preview: the article as it will be cited, its first passages' text, and the two buttons. */
    static Reply previewReply(SourcePreview preview, String token) {
        ArticleMetadata metadata = preview.metadata();
        List<String> footer = new ArrayList<>();
        metadata.publisher().ifPresent(footer::add);
        metadata.author().ifPresent(footer::add);
        metadata.published().ifPresent(date -> footer.add(SearchReplies.FOOTER_DATE.format(date)));
        footer.add(preview.format().toUpperCase(Locale.ROOT));
        footer.add(preview.words() + " words");
        footer.add(
                preview.paragraphs().size() == 1
                        ? "1 paragraph"
                        : preview.paragraphs().size() + " paragraphs");
        String body = String.join("\n\n", preview.paragraphs());
        if (body.length() > PREVIEW_CHARS) {
            body = body.substring(0, PREVIEW_CHARS).strip() + " " + StyledText.ELLIPSIS;
        }
        URI url = preview.url();
        ReplyCard card = new ReplyCard(
                metadata.title().orElse(url.toString()),
                Optional.of(url),
                StyledText.plain(body),
                List.of(),
                footer,
                OptionalInt.empty());
        return new Reply(
                Optional.of(StyledText.plain("Preview of the article. Add it to this server's corpus?")),
                List.of(card),
                List.of(
                        new ReplyAction.Button("Add to corpus", SourcesActionHandler.addId(token), true, true),
                        new ReplyAction.Button("Cancel", SourcesActionHandler.cancelId(token), true, false)),
                true);
    }

    private Reply refresh(CommandRequest request, Curation curated) {
        String id = request.string("document")
                .map(String::strip)
                .orElseThrow(() -> new UserFacingException("Choose the article to refresh."));
        Audience audience = curated.audiences().apply(request.invoker().guildId());
        if (!fetches.tryAcquire()) {
            return Reply.notice("citebot is fetching other articles right now; try again in a moment.");
        }
        Optional<SourceCuration.Outcome.Added> refreshed;
        try {
            refreshed = curated.curation().refresh(id, audience);
        } catch (SourceRefusedException e) {
            return Reply.notice("That article could not be refreshed: " + e.getMessage());
        } finally {
            fetches.release();
        }
        if (refreshed.isEmpty()) {
            return Reply.notice(
                    "No article this server added has that id; choose one from the suggestions of /sources refresh.");
        }
        curated.indexChanged().run();
        return Reply.notice(StyledText.plain("Refreshed ")
                .append(StyledText.bold(refreshed.get().article().title()))
                .append(StyledText.plain(": " + refreshed.get().passages() + " passages"
                        + (refreshed.get().indexed() ? ", searchable now." : ", indexed at the next reindex."))));
    }

    private Reply remove(CommandRequest request, Curation curated) {
        String id = request.string("document")
                .map(String::strip)
                .orElseThrow(() -> new UserFacingException("Choose the article to remove."));
        Audience audience = curated.audiences().apply(request.invoker().guildId());
        Optional<SourceRecord> removed = curated.curation().remove(id, audience);
        if (removed.isEmpty()) {
            return Reply.notice(
                    "No article this server added has that id; choose one from the suggestions of /sources remove.");
        }
        curated.indexChanged().run();
        request.invoker().guildId().ifPresent(guild -> curated.notes()
                .post(
                        guild,
                        StyledText.plain("Source removed by the moderator with id "
                                        + request.invoker().userId() + ": ")
                                .append(StyledText.bold(removed.get().title()))
                                .append(StyledText.plain(" (" + removed.get().url() + ")"))));
        return Reply.notice(StyledText.plain("Removed ")
                .append(StyledText.bold(removed.get().title()))
                .append(StyledText.plain(" from the corpus.")));
    }
}
