package org.citebot.command;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;
import org.citebot.search.HighlightSpan;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchMode;
import org.citebot.search.SearchResults;

/**
 * Turns search results into the reply every front end shows: a header line, one card per passage
 * (title linked to the passage, matches in bold, a footer of publisher · author · date · section ·
 * ¶n), paging and share buttons, and a link to the source. No results get suggestions instead.
 */
public final class SearchReplies {

    /** Date format of footers, e.g. "30 Jun 2026". */
    public static final DateTimeFormatter FOOTER_DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    private static final int QUERY_ECHO_CHARS = 80;

    private SearchReplies() {}

    /**
     * The reply for one page of results.
     *
     * @param sessionToken names the search in button action ids
     * @param page 0-based page number
     */
    public static Reply answer(
            SearchResults results, String query, String sessionToken, int page, int pageSize, boolean ephemeral) {
        if (results.totalHits() == 0 || results.hits().isEmpty()) {
            return noResults(results, query, page);
        }
        int from = results.offset() + 1;
        int to = results.offset() + results.hits().size();
        StyledText header = results.goodMatch()
                ? StyledText.plain(
                                results.totalHits() == 1 && !results.totalIsLowerBound()
                                        ? "1 passage"
                                        : "Passages " + from + "–" + to + " of " + total(results))
                        .append(StyledText.plain(" for “"))
                        .append(StyledText.bold(echo(query)))
                        .append(StyledText.plain("” " + how(results)))
                // Unrelated passages must not look like answers: say so, then show the closest.
                : StyledText.plain(NOTHING_ANSWERS_WELL + " “")
                        .append(StyledText.bold(echo(query)))
                        .append(StyledText.plain(
                                "” well. The closest passages, " + from + "–" + to + " " + how(results) + ":"));

        List<ReplyCard> cards = new ArrayList<>();
        for (SearchHit hit : results.hits()) {
            cards.add(card(hit));
        }
        List<ReplyAction> actions = new ArrayList<>();
        if (results.totalHits() > pageSize || results.totalIsLowerBound()) {
            actions.add(new ReplyAction.Button("◀ Previous", pageId(sessionToken, page - 1), page > 0, false));
            actions.add(new ReplyAction.Button("Next ▶", pageId(sessionToken, page + 1), results.hasMore(), false));
        }
        if (ephemeral) {
            actions.add(new ReplyAction.Button("Share in channel", shareId(sessionToken, page), true, true));
        }
        actions.add(new ReplyAction.Button("Helpful", VoteActionHandler.upId(sessionToken, page), true, false));
        actions.add(new ReplyAction.Button("Not helpful", VoteActionHandler.downId(sessionToken, page), true, false));
        SearchHit top = results.hits().get(0);
        top.link()
                .or(() -> top.document().url())
                .ifPresent(url -> actions.add(new ReplyAction.Link("Open source", url)));
        return new Reply(Optional.of(header), cards, actions, ephemeral);
    }

    /** How a reply that found nothing good begins. */
    public static final String NOTHING_ANSWERS_WELL = "Nothing in the corpus answers";

    /** Which way the passages were found, as the header says it. */
    static String how(SearchResults results) {
        return results.mode() == SearchMode.HYBRID ? "(search by words and meaning)" : "(search by words)";
    }

    /** "7", "12,345", or "1,000+" when counting stopped at a threshold. */
    static String total(SearchResults results) {
        String count = String.format(Locale.ENGLISH, "%,d", results.totalHits());
        return results.totalIsLowerBound() ? count + "+" : count;
    }

    /** The card of one hit: the passage with its matches in bold, numbered by its rank across pages. */
    public static ReplyCard card(SearchHit hit) {
        DocumentMetadata doc = hit.document();
        return new ReplyCard(
                doc.title(), hit.link(), passageText(hit), List.of(), footer(hit), OptionalInt.of(hit.rank()));
    }

    /** Publisher · author · date · section · ¶n, leaving out what is unknown. */
    public static List<String> footer(SearchHit hit) {
        DocumentMetadata doc = hit.document();
        List<String> parts = new ArrayList<>();
        if (hit.pageChanged()) {
            parts.add("⚠ the page has changed since");
        }
        doc.publisher().ifPresent(parts::add);
        doc.author().ifPresent(parts::add);
        doc.published().ifPresent(date -> parts.add(FOOTER_DATE.format(date)));
        hit.passage().section().ifPresent(parts::add);
        parts.add("¶" + hit.passage().paragraph());
        return parts;
    }

    /** The whole passage with the snippet's matches in bold; the snippet itself if it cannot be placed. */
    static StyledText passageText(SearchHit hit) {
        String passage = hit.passage().text();
        String snippet = hit.snippet().text();
        int at = snippet.isEmpty() ? -1 : passage.indexOf(snippet);
        if (at < 0) {
            return new StyledText(
                    snippet.isEmpty() ? passage : snippet,
                    snippet.isEmpty() ? List.of() : hit.snippet().highlights());
        }
        List<HighlightSpan> spans = new ArrayList<>();
        for (HighlightSpan span : hit.snippet().highlights()) {
            spans.add(new HighlightSpan(span.start() + at, span.end() + at));
        }
        return new StyledText(passage, spans);
    }

    static String pageId(String token, int page) {
        return "search:page:" + token + ":" + Math.max(0, page);
    }

    static String shareId(String token, int page) {
        return "search:share:" + token + ":" + page;
    }

    private static Reply noResults(SearchResults results, String query, int page) {
        StyledText text = StyledText.plain(page > 0 ? "No more passages for “" : "No passages match “")
                .append(StyledText.bold(echo(query)))
                .append(StyledText.plain("”."));
        if (!results.didYouMean().isEmpty()) {
            text = text.append(StyledText.plain("\nDid you mean: "));
            text = appendList(text, results.didYouMean());
            text = text.append(StyledText.plain("?"));
        }
        if (!results.closestTitles().isEmpty()) {
            text = text.append(StyledText.plain("\nClosest titles: "));
            text = appendList(text, results.closestTitles());
        }
        if (results.didYouMean().isEmpty() && results.closestTitles().isEmpty()) {
            text = text.append(StyledText.plain("\nTry other words, or /sources to see what the corpus holds."));
        }
        return Reply.notice(text);
    }

    private static StyledText appendList(StyledText text, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                text = text.append(StyledText.plain(", "));
            }
            text = text.append(StyledText.bold(items.get(i)));
        }
        return text;
    }

    private static String echo(String query) {
        String oneLine = query.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= QUERY_ECHO_CHARS
                ? oneLine
                : oneLine.substring(0, QUERY_ECHO_CHARS - 1).strip() + "…";
    }
}
