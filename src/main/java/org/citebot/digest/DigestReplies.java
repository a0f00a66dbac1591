package org.citebot.digest;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.digest.Digest.AskedQuestion;
import org.citebot.digest.Digest.NewDocument;
import org.citebot.digest.Digest.PassageOfTheDay;
import org.citebot.questions.QueryLog.FrequentQuery;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;
import org.citebot.search.SearchHit;

/**
 * Turns a {@link Digest} into platform-neutral replies: the public post (one card per item, its
 * section named in the card title) and the moderators' list of unanswered questions. Renderers
 * fit them into Discord's limits.
 */
public final class DigestReplies {

    static final DateTimeFormatter HEADER_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    static final DateTimeFormatter FOOTER_DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
    static final int EXCERPT_CHARS = 700;
    static final String NOTHING_TODAY = "Nothing new today.";

    private DigestReplies() {}

    /** The public post; when the digest is empty, a one-line note (posted only if configured). */
    public static Reply post(Digest digest) {
        StyledText header =
                StyledText.bold("Daily digest").append(StyledText.plain(" · " + HEADER_DATE.format(digest.date())));
        if (digest.isEmpty()) {
            header = header.append(StyledText.plain("\n" + NOTHING_TODAY));
        }
        List<ReplyCard> cards = new ArrayList<>();
        for (NewDocument added : digest.newDocuments()) {
            DocumentMetadata doc = added.document().metadata();
            String section = added.changed() ? "Updated in the corpus" : DigestSection.NEW.heading();
            List<String> footer = new ArrayList<>();
            doc.publisher().ifPresent(footer::add);
            doc.published().ifPresent(date -> footer.add(FOOTER_DATE.format(date)));
            cards.add(new ReplyCard(
                    section + " · " + doc.title(),
                    doc.url(),
                    StyledText.plain(added.lead()).excerpt(EXCERPT_CHARS),
                    List.of(),
                    footer));
        }
        for (AskedQuestion asked : digest.mostAsked()) {
            String title = DigestSection.ASKED.heading() + " · “" + asked.query() + "” (" + times(asked.count()) + ")";
            if (asked.best().isEmpty()) {
                cards.add(new ReplyCard(
                        title,
                        Optional.empty(),
                        StyledText.plain("No passage answers it any more."),
                        List.of(),
                        List.of()));
                continue;
            }
            SearchHit hit = asked.best().get();
            cards.add(new ReplyCard(
                    title,
                    hit.link().or(() -> hit.document().url()),
                    StyledText.plain(hit.passage().text()).excerpt(EXCERPT_CHARS),
                    List.of(),
                    footer(hit.document(), hit.passage().paragraph())));
        }
        digest.passageOfTheDay().ifPresent(p -> cards.add(passageCard(p)));
        return new Reply(Optional.of(header), cards, List.of(), false);
    }

    /**
     * The moderators' gaps: questions members marked "Not helpful" (most such votes first), then
     * questions that found nothing; empty when there were neither.
     */
    public static Optional<Reply> unanswered(Digest digest) {
        if (digest.unanswered().isEmpty() && digest.notHelpful().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder body = new StringBuilder();
        for (FrequentQuery query : digest.notHelpful()) {
            body.append("• “")
                    .append(query.query())
                    .append("” (")
                    .append(query.count() == 1 ? "1 “not helpful” vote" : query.count() + " “not helpful” votes")
                    .append(")\n");
        }
        for (FrequentQuery query : digest.unanswered()) {
            body.append("• “")
                    .append(query.query())
                    .append("” (no passage found, ")
                    .append(times(query.count()))
                    .append(")\n");
        }
        StyledText header = StyledText.bold("Gaps")
                .append(StyledText.plain(
                        " · questions members marked not helpful or that found no passage in the last" + " 24 hours, "
                                + HEADER_DATE.format(digest.date()) + ". The corpus may be missing something."));
        ReplyCard card = new ReplyCard(
                DigestSection.UNANSWERED.heading(),
                Optional.empty(),
                StyledText.plain(body.toString().strip()),
                List.of(),
                List.of());
        return Optional.of(new Reply(Optional.of(header), List.of(card), List.of(), false));
    }

    private static ReplyCard passageCard(PassageOfTheDay day) {
        DocumentMetadata doc = day.passage().metadata();
        return new ReplyCard(
                DigestSection.PASSAGE.heading() + " · " + doc.title(),
                day.link().or(doc::url),
                StyledText.plain(day.passage().passage().text()),
                List.of(),
                footer(doc, day.passage().passage().paragraph()));
    }

    private static List<String> footer(DocumentMetadata doc, int paragraph) {
        List<String> parts = new ArrayList<>();
        doc.publisher().ifPresent(parts::add);
        doc.author().ifPresent(parts::add);
        doc.published().ifPresent(date -> parts.add(FOOTER_DATE.format(date)));
        parts.add("¶" + paragraph);
        return parts;
    }

    private static String times(int count) {
        return count == 1 ? "asked once" : "asked " + count + " times";
    }
}
