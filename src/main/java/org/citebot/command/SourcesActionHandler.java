package org.citebot.command;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentSummary;
import org.citebot.reply.Reply;
import org.citebot.reply.StyledText;
import org.citebot.sources.SourceCuration;
import org.citebot.sources.SourceRecord;
import org.citebot.sources.SourceRefusedException;

/**
 * The buttons under {@code /sources}: {@code sources:page:<filter>:<n>} shows page n of the
 * documents matching the filter (which may itself contain colons) in place of the current page;
 * under a {@code /sources add} preview, {@code sources:add:<token>} stores and indexes the article
 * and {@code sources:cancel:<token>} drops it, for the moderator who asked only.
 */
public final class SourcesActionHandler implements ActionHandler {

    private static final String PAGE = SourcesPages.PREFIX + ":page:";
    private static final String ADD = SourcesPages.PREFIX + ":add:";
    private static final String CANCEL = SourcesPages.PREFIX + ":cancel:";
    private static final Reply NOT_OURS = Reply.notice("That button is not one of citebot's.");
    private static final Reply EXPIRED =
            Reply.notice("This preview has expired or was already answered; run /sources add again.");

    private final Supplier<List<DocumentSummary>> documents;
    private final MemberLimits limits;
    private final Optional<SourcesCommand.Curation> curation;
    private final ModeratorPolicy moderators;
    private final PendingSources pending;

    /** Unlimited, paging only: for front ends and tests without members. */
    public SourcesActionHandler(Supplier<List<DocumentSummary>> documents) {
        this(documents, MemberLimits.UNLIMITED);
    }

    /**
     * Paging only.
     *
     * @param documents the same supplier {@link SourcesCommand} reads
     * @param limits each member's budget of button presses
     */
    public SourcesActionHandler(Supplier<List<DocumentSummary>> documents, MemberLimits limits) {
        this.documents = documents;
        this.limits = limits;
        this.curation = Optional.empty();
        this.moderators = new ModeratorPolicy(List.of());
        this.pending = new PendingSources(com.github.benmanes.caffeine.cache.Ticker.disabledTicker());
    }

    /**
     * Paging, and the buttons of {@code /sources add} previews.
     *
     * @param pending the previews {@link SourcesCommand} holds
     */
    public SourcesActionHandler(
            Supplier<List<DocumentSummary>> documents,
            MemberLimits limits,
            SourcesCommand.Curation curation,
            ModeratorPolicy moderators,
            PendingSources pending) {
        this.documents = documents;
        this.limits = limits;
        this.curation = Optional.of(curation);
        this.moderators = moderators;
        this.pending = pending;
    }

    static String addId(String token) {
        return ADD + token;
    }

    static String cancelId(String token) {
        return CANCEL + token;
    }

    @Override
    public String prefix() {
        return SourcesPages.PREFIX;
    }

    @Override
    public ActionOutcome handle(String actionId, Invoker invoker) {
        if (actionId.startsWith(ADD) || actionId.startsWith(CANCEL)) {
            return confirm(actionId, invoker);
        }
        int lastColon = actionId.lastIndexOf(':');
        if (!actionId.startsWith(PAGE) || lastColon < PAGE.length()) {
            return new ActionOutcome.Notice(NOT_OURS);
        }
        int page;
        try {
            page = Integer.parseInt(actionId.substring(lastColon + 1));
        } catch (NumberFormatException e) {
            return new ActionOutcome.Notice(NOT_OURS);
        }
        Optional<Reply> refused = limits.refusal(MemberLimits.Action.BUTTON, invoker);
        if (refused.isPresent()) {
            return new ActionOutcome.Notice(refused.get());
        }
        String filter = actionId.substring(PAGE.length(), lastColon);
        List<DocumentSummary> all = documents.get();
        if (curation.isEmpty()) {
            return new ActionOutcome.Update(SourcesPages.page(all, filter, Math.max(0, page)));
        }
        Audience audience = curation.get().audiences().apply(invoker.guildId());
        List<SourceRecord> records = curation.get().curation().records(Audience.EVERYTHING);
        return new ActionOutcome.Update(
                SourcesPages.page(SourcesPages.visible(all, audience), records, filter, Math.max(0, page)));
    }

    /** "Add to corpus" or "Cancel" under a preview: only its moderator may answer it, once. */
    private ActionOutcome confirm(String actionId, Invoker invoker) {
        boolean add = actionId.startsWith(ADD);
        String token = actionId.substring((add ? ADD : CANCEL).length());
        Optional<PendingSources.Pending> waiting = pending.find(token);
        if (curation.isEmpty() || waiting.isEmpty()) {
            return new ActionOutcome.Notice(EXPIRED);
        }
        if (!waiting.get().ownerId().equals(invoker.userId())) {
            return new ActionOutcome.Notice(
                    Reply.notice("Only the moderator who asked for this preview can answer it."));
        }
        moderators.require(invoker, "sources add");
        Optional<PendingSources.Pending> taken = pending.take(token);
        if (taken.isEmpty()) {
            return new ActionOutcome.Notice(EXPIRED);
        }
        if (!add) {
            return new ActionOutcome.Update(Reply.notice("Not added."));
        }
        SourcesCommand.Curation curated = curation.get();
        PendingSources.Pending confirmed = taken.get();
        SourceCuration.Outcome outcome;
        try {
            outcome = curated.curation().add(confirmed.preview(), confirmed.server(), invoker.userId());
        } catch (SourceRefusedException e) {
            return new ActionOutcome.Update(Reply.notice("That article cannot be added: " + e.getMessage()));
        }
        if (outcome instanceof SourceCuration.Outcome.AlreadyAdded already) {
            return new ActionOutcome.Update(Reply.notice(StyledText.plain("This server already has ")
                    .append(StyledText.bold(already.existing().title()))
                    .append(StyledText.plain("; nothing changed."))));
        }
        SourceCuration.Outcome.Added added = (SourceCuration.Outcome.Added) outcome;
        curated.indexChanged().run();
        String title = added.article().title();
        confirmed.server().ifPresent(guild -> curated.notes()
                .post(
                        guild,
                        StyledText.plain("Source added by the moderator with id " + invoker.userId() + ": ")
                                .append(StyledText.bold(title))
                                .append(StyledText.plain(
                                        " (" + added.article().url() + ", " + added.passages() + " passages)"))));
        StyledText done = StyledText.plain("Added ")
                .append(StyledText.bold(title))
                .append(StyledText.plain(" to the corpus: " + added.passages() + " passages"));
        done = done.append(StyledText.plain(
                added.indexed() ? ", searchable now." : "; it is stored and becomes searchable at the next reindex."));
        return new ActionOutcome.Update(Reply.notice(done));
    }
}
