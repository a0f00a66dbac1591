package org.citebot.command;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.citebot.questions.AnswerVotes;
import org.citebot.reply.Reply;
import org.citebot.search.PassageSearch;
import org.citebot.search.QueryException;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;

/**
 * The "Helpful" and "Not helpful" buttons under a search answer: {@code vote:up:<token>:<n>} and
 * {@code vote:down:<token>:<n>} record a vote on page n of that answer with its question and the
 * passages it showed. One vote per member per answer page, a second press changing it; members are
 * told apart by a keyed hash under a secret that lives only in this process's memory, as long as
 * the answers it can vote on, so the stored votes never say who voted.
 */
public final class VoteActionHandler implements ActionHandler {

    static final String PREFIX = "vote";
    static final String UP = "up";
    static final String DOWN = "down";

    private final PassageSearch search;
    private final SearchSessions sessions;
    private final AnswerVotes votes;
    private final MemberLimits limits;
    private final Clock clock;
    private final SecretKeySpec secret;

    /** @param limits each member's budget of button presses */
    public VoteActionHandler(
            PassageSearch search, SearchSessions sessions, AnswerVotes votes, MemberLimits limits, Clock clock) {
        this.search = search;
        this.sessions = sessions;
        this.votes = votes;
        this.limits = limits;
        this.clock = clock;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secret = new SecretKeySpec(key, "HmacSHA256");
    }

    static String upId(String token, int page) {
        return PREFIX + ":" + UP + ":" + token + ":" + page;
    }

    static String downId(String token, int page) {
        return PREFIX + ":" + DOWN + ":" + token + ":" + page;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public ActionOutcome handle(String actionId, Invoker invoker) {
        String[] parts = actionId.split(":");
        if (parts.length != 4 || !(parts[1].equals(UP) || parts[1].equals(DOWN))) {
            return notice(SearchActionHandler.NOT_OURS);
        }
        int page;
        try {
            page = Integer.parseInt(parts[3]);
        } catch (NumberFormatException e) {
            return notice(SearchActionHandler.NOT_OURS);
        }
        Optional<Reply> refused = limits.refusal(MemberLimits.Action.BUTTON, invoker);
        if (refused.isPresent()) {
            return new ActionOutcome.Notice(refused.get());
        }
        Optional<SearchSessions.Session> found = sessions.find(parts[2]);
        if (found.isEmpty() || page < 0 || page > SearchSessions.MAX_PAGE) {
            return notice("This answer has expired; votes are taken while its buttons work.");
        }
        SearchSessions.Session session = found.get();
        List<String> shown;
        try {
            // The same page the member saw: served from the cache while the index is unchanged.
            SearchResults results = search.search(new SearchRequest(
                    session.query(), session.filters(), page * session.pageSize(), session.pageSize()));
            shown = results.hits().stream()
                    .map(SearchHit::passage)
                    .map(p -> p.id())
                    .toList();
        } catch (QueryException e) {
            return notice(e.getMessage());
        }
        boolean helpful = parts[1].equals(UP);
        String answerId = parts[2] + ":" + page;
        AnswerVotes.Outcome outcome = votes.vote(new AnswerVotes.Vote(
                answerId,
                voterKey(answerId, invoker.userId()),
                invoker.guildId(),
                session.query(),
                shown,
                helpful,
                !session.ephemeral() && invoker.guildId().isPresent(),
                clock.instant()));
        String what = helpful ? "helpful" : "not helpful";
        return notice(
                switch (outcome) {
                    case RECORDED -> "Thanks: you marked this answer " + what + ".";
                    case CHANGED -> "Your vote is changed: this answer is " + what + " for you.";
                    case UNCHANGED -> "You already marked this answer " + what + ".";
                });
    }

    private String voterKey(String answerId, String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal((answerId + "|" + userId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every Java platform", e);
        }
    }

    private static ActionOutcome notice(String text) {
        return new ActionOutcome.Notice(Reply.notice(text));
    }
}
