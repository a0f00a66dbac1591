package org.citebot.command;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.citebot.index.DocumentSummary;
import org.citebot.reply.Reply;

/**
 * The ◀ ▶ buttons under {@code /sources}: {@code sources:page:<filter>:<n>} shows page n of the
 * documents matching the filter (which may itself contain colons) in place of the current page.
 */
public final class SourcesActionHandler implements ActionHandler {

    private static final String PAGE = SourcesPages.PREFIX + ":page:";

    private final Supplier<List<DocumentSummary>> documents;
    private final MemberLimits limits;

    /** Unlimited: for front ends and tests without members. */
    public SourcesActionHandler(Supplier<List<DocumentSummary>> documents) {
        this(documents, MemberLimits.UNLIMITED);
    }

    /**
     * @param documents the same supplier {@link SourcesCommand} reads
     * @param limits each member's budget of button presses
     */
    public SourcesActionHandler(Supplier<List<DocumentSummary>> documents, MemberLimits limits) {
        this.documents = documents;
        this.limits = limits;
    }

    @Override
    public String prefix() {
        return SourcesPages.PREFIX;
    }

    @Override
    public ActionOutcome handle(String actionId, Invoker invoker) {
        int lastColon = actionId.lastIndexOf(':');
        if (!actionId.startsWith(PAGE) || lastColon < PAGE.length()) {
            return new ActionOutcome.Notice(Reply.notice("That button is not one of citebot's."));
        }
        int page;
        try {
            page = Integer.parseInt(actionId.substring(lastColon + 1));
        } catch (NumberFormatException e) {
            return new ActionOutcome.Notice(Reply.notice("That button is not one of citebot's."));
        }
        Optional<Reply> refused = limits.refusal(MemberLimits.Action.BUTTON, invoker);
        if (refused.isPresent()) {
            return new ActionOutcome.Notice(refused.get());
        }
        String filter = actionId.substring(PAGE.length(), lastColon);
        return new ActionOutcome.Update(SourcesPages.page(documents.get(), filter, Math.max(0, page)));
    }
}
