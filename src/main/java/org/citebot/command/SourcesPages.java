package org.citebot.command;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentSummary;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;
import org.citebot.sources.AddedArticle;
import org.citebot.sources.LinkHealth;
import org.citebot.sources.SourceRecord;

/**
 * One page of {@code /sources}: the documents matching a filter, sorted by title, one card each,
 * with ◀ ▶ buttons whose action ids carry the filter and page so paging needs no stored state.
 */
final class SourcesPages {

    /** Cards per page; Discord shows at most 10 embeds in one message. */
    static final int PAGE_SIZE = 10;
    /** Longest filter kept, so {@code sources:page:<filter>:<n>} stays within 100 characters. */
    static final int MAX_FILTER_LENGTH = 80;

    static final String PREFIX = "sources";

    private static final Comparator<DocumentSummary> BY_TITLE = Comparator.comparing(
                    (DocumentSummary d) -> d.metadata().title().toLowerCase(Locale.ROOT))
            .thenComparing(DocumentSummary::docId);

    private SourcesPages() {}

    /** The filter as it is used and carried in action ids: stripped and at most 80 characters. */
    static String normalizeFilter(String filter) {
        String stripped = filter.strip();
        if (stripped.length() <= MAX_FILTER_LENGTH) {
            return stripped;
        }
        int end = MAX_FILTER_LENGTH;
        if (Character.isHighSurrogate(stripped.charAt(end - 1))) {
            end--;
        }
        return stripped.substring(0, end).strip();
    }

    /** Page {@code page} (0-based, clamped to the pages there are) of the documents matching {@code filter}. */
    static Reply page(List<DocumentSummary> all, String filter, int page) {
        return page(all, List.of(), filter, page);
    }

    /** The documents {@code audience} sees: the corpus folder's, and the articles added where it may look. */
    static List<DocumentSummary> visible(List<DocumentSummary> all, Audience audience) {
        return all.stream().filter(d -> audience.sees(d.origin())).toList();
    }

    /**
     * Like {@link #page(List, String, int)}, showing for each added article who added it and when,
     * and whether its link is broken or its page changed, from {@code added}.
     */
    static Reply page(List<DocumentSummary> all, List<SourceRecord> added, String filter, int page) {
        Map<String, SourceRecord> records = new HashMap<>();
        added.forEach(record -> records.put(record.id(), record));
        String normalized = normalizeFilter(filter);
        List<DocumentSummary> matching = all.stream()
                .filter(d -> matches(d, normalized))
                .sorted(BY_TITLE)
                .toList();
        if (matching.isEmpty()) {
            if (all.isEmpty()) {
                return Reply.notice("The corpus has no documents yet.");
            }
            return Reply.notice(StyledText.plain("No sources match “")
                    .append(StyledText.bold(normalized))
                    .append(StyledText.plain("”. Try /sources without a filter to see all " + all.size() + ".")));
        }
        int pages = (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        int shown = Math.max(0, Math.min(page, pages - 1));
        int from = shown * PAGE_SIZE;
        int to = Math.min(matching.size(), from + PAGE_SIZE);

        StyledText header = StyledText.plain(
                matching.size() == 1 ? "1 source" : "Sources " + (from + 1) + "–" + to + " of " + matching.size());
        if (!normalized.isEmpty()) {
            header = header.append(StyledText.plain(" matching “"))
                    .append(StyledText.bold(normalized))
                    .append(StyledText.plain("”"));
        }
        List<ReplyCard> cards = new ArrayList<>();
        for (int i = from; i < to; i++) {
            DocumentSummary document = matching.get(i);
            cards.add(card(document, Optional.ofNullable(records.get(document.docId())), i + 1));
        }
        List<ReplyAction> actions = new ArrayList<>();
        if (pages > 1) {
            actions.add(
                    new ReplyAction.Button("◀ Previous", pageId(normalized, Math.max(0, shown - 1)), shown > 0, false));
            actions.add(new ReplyAction.Button("Next ▶", pageId(normalized, shown + 1), shown < pages - 1, false));
        }
        return new Reply(Optional.of(header), cards, actions, true);
    }

    static String pageId(String filter, int page) {
        return PREFIX + ":page:" + filter + ":" + page;
    }

    private static ReplyCard card(DocumentSummary document, Optional<SourceRecord> added, int number) {
        DocumentMetadata meta = document.metadata();
        List<String> footer = new ArrayList<>();
        added.ifPresent(record -> {
            LinkHealth.Status status = record.health().status();
            if (status.isProblem()) {
                footer.add("⚠ link " + status.key());
            }
            footer.add("added by "
                    + (record.addedBy().equals(AddedArticle.COMMAND_LINE)
                            ? "the command line"
                            : "member id " + record.addedBy())
                    + " on " + SearchReplies.FOOTER_DATE.format(record.addedAt().atZone(ZoneOffset.UTC)));
        });
        meta.publisher().ifPresent(footer::add);
        meta.author().ifPresent(footer::add);
        meta.published().ifPresent(date -> footer.add(SearchReplies.FOOTER_DATE.format(date)));
        footer.add(document.passages() == 1 ? "1 passage" : document.passages() + " passages");
        return new ReplyCard(meta.title(), meta.url(), StyledText.plain(""), List.of(), footer, OptionalInt.of(number));
    }

    private static boolean matches(DocumentSummary document, String filter) {
        if (filter.isEmpty()) {
            return true;
        }
        String needle = filter.toLowerCase(Locale.ROOT);
        DocumentMetadata meta = document.metadata();
        return contains(meta.title(), needle)
                || meta.publisher().map(p -> contains(p, needle)).orElse(false)
                || meta.author().map(a -> contains(a, needle)).orElse(false)
                || contains(document.docId(), needle);
    }

    private static boolean contains(String text, String lowerNeedle) {
        return text.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }
}
