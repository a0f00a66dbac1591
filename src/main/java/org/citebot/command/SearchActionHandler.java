package org.citebot.command;

import java.util.Optional;
import org.citebot.reply.Reply;
import org.citebot.search.PassageSearch;
import org.citebot.search.QueryException;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;

/**
 * The buttons under a search answer: {@code search:page:<token>:<n>} shows page n, and {@code
 * search:share:<token>:<n>} posts that page publicly, once. Only the member who searched pages
 * their answer in place; anyone else pressing ◀ ▶ on a public answer, and everyone pressing them on
 * a shared post, gets their own private copy of that page instead. Shared posts offer no sharing.
 */
public final class SearchActionHandler implements ActionHandler {

    static final String EXPIRED = "This answer has expired. Run /search again to get fresh results.";
    static final String NOT_OURS = "That button is not one of citebot's.";
    static final String ONLY_PRIVATE_SHARED = "Only a private answer can be shared, by the member who searched.";

    private final PassageSearch search;
    private final SearchSessions sessions;
    private final MemberLimits limits;

    /** Unlimited: for front ends and tests without members. */
    public SearchActionHandler(PassageSearch search, SearchSessions sessions) {
        this(search, sessions, MemberLimits.UNLIMITED);
    }

    /** @param limits each member's budget of button presses (each press runs a search) */
    public SearchActionHandler(PassageSearch search, SearchSessions sessions, MemberLimits limits) {
        this.search = search;
        this.sessions = sessions;
        this.limits = limits;
    }

    @Override
    public String prefix() {
        return "search";
    }

    @Override
    public ActionOutcome handle(String actionId, Invoker invoker) {
        String[] parts = actionId.split(":");
        if (parts.length != 4) {
            return notice(NOT_OURS);
        }
        int page;
        try {
            page = Integer.parseInt(parts[3]);
        } catch (NumberFormatException e) {
            return notice(NOT_OURS);
        }
        Optional<Reply> refused = limits.refusal(MemberLimits.Action.BUTTON, invoker);
        if (refused.isPresent()) {
            return new ActionOutcome.Notice(refused.get());
        }
        Optional<SearchSessions.Session> found = sessions.find(parts[2]);
        if (found.isEmpty() || page < 0 || page > SearchSessions.MAX_PAGE) {
            return notice(EXPIRED);
        }
        return switch (parts[1]) {
            case "page" -> page(found.get(), parts[2], page, invoker);
            case "share" -> share(found.get(), page, invoker);
            default -> notice(NOT_OURS);
        };
    }

    private ActionOutcome page(SearchSessions.Session session, String token, int page, Invoker invoker) {
        if (session.pagedInPlaceBy(invoker.userId())) {
            return new ActionOutcome.Update(answer(session, token, page, session.ephemeral()));
        }
        // Someone else's answer, or a post everyone reads: theirs stays as it is, and the presser
        // gets a private answer of their own to page and share.
        String own = sessions.open(session.query(), session.filters(), session.pageSize(), true, invoker.userId());
        return new ActionOutcome.Notice(answer(session, own, page, true));
    }

    private ActionOutcome share(SearchSessions.Session session, int page, Invoker invoker) {
        // Discord shows a private answer (and its Share button) to its owner alone; this guards
        // against a Share button on anything else.
        if (!session.ephemeral() || !session.pagedInPlaceBy(invoker.userId())) {
            return notice(ONLY_PRIVATE_SHARED);
        }
        if (!session.markShared(page)) {
            return notice("This page of results has already been shared.");
        }
        String copy = sessions.openSharedCopy(session);
        return new ActionOutcome.Share(answer(session, copy, page, false), Reply.notice("Shared in the channel."));
    }

    private Reply answer(SearchSessions.Session session, String token, int page, boolean ephemeral) {
        SearchResults results;
        try {
            results = search.search(new SearchRequest(
                    session.query(), session.filters(), page * session.pageSize(), session.pageSize()));
        } catch (QueryException e) {
            return Reply.notice(e.getMessage());
        }
        return SearchReplies.answer(results, session.query(), token, page, session.pageSize(), ephemeral);
    }

    private static ActionOutcome notice(String text) {
        return new ActionOutcome.Notice(Reply.notice(text));
    }
}
