package org.citebot.command;

import java.util.Optional;
import org.citebot.reply.Reply;
import org.citebot.search.PassageSearch;
import org.citebot.search.QueryException;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;

/**
 * The buttons under a search answer: {@code search:page:<token>:<n>} shows page n in place, and
 * {@code search:share:<token>:<n>} posts that page publicly, once.
 */
public final class SearchActionHandler implements ActionHandler {

    static final String EXPIRED = "This answer has expired. Run /search again to get fresh results.";

    private final PassageSearch search;
    private final SearchSessions sessions;

    public SearchActionHandler(PassageSearch search, SearchSessions sessions) {
        this.search = search;
        this.sessions = sessions;
    }

    @Override
    public String prefix() {
        return "search";
    }

    @Override
    public ActionOutcome handle(String actionId, Invoker invoker) {
        String[] parts = actionId.split(":");
        if (parts.length != 4) {
            return new ActionOutcome.Notice(Reply.notice("That button is not one of citebot's."));
        }
        int page;
        try {
            page = Integer.parseInt(parts[3]);
        } catch (NumberFormatException e) {
            return new ActionOutcome.Notice(Reply.notice("That button is not one of citebot's."));
        }
        Optional<SearchSessions.Session> found = sessions.find(parts[2]);
        if (found.isEmpty() || page < 0 || page > SearchSessions.MAX_PAGE) {
            return new ActionOutcome.Notice(Reply.notice(EXPIRED));
        }
        SearchSessions.Session session = found.get();
        Reply reply = page(session, parts[2], page, parts[1].equals("share") ? false : session.ephemeral());
        return switch (parts[1]) {
            case "page" -> new ActionOutcome.Update(reply);
            case "share" ->
                session.markShared(page)
                        ? new ActionOutcome.Share(reply, Reply.notice("Shared in the channel."))
                        : new ActionOutcome.Notice(Reply.notice("This page of results has already been shared."));
            default -> new ActionOutcome.Notice(Reply.notice("That button is not one of citebot's."));
        };
    }

    private Reply page(SearchSessions.Session session, String token, int page, boolean ephemeral) {
        SearchResults results;
        try {
            results = search.search(new SearchRequest(
                    session.query(), session.filters(), page * session.pageSize(), session.pageSize()));
        } catch (QueryException e) {
            return Reply.notice(e.getMessage());
        }
        return SearchReplies.answer(results, session.query(), token, page, session.pageSize(), ephemeral);
    }
}
