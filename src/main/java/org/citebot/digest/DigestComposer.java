package org.citebot.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citebot.digest.Digest.AskedQuestion;
import org.citebot.digest.Digest.NewDocument;
import org.citebot.digest.Digest.PassageOfTheDay;
import org.citebot.digest.DigestCorpus.Contents;
import org.citebot.digest.DigestCorpus.CorpusDocument;
import org.citebot.index.StoredPassage;
import org.citebot.search.PassageSearch;
import org.citebot.search.QueryException;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;
import org.citebot.search.TextFragmentLinks;
import org.citebot.state.DigestRuns;
import org.citebot.state.QueryLog;
import org.citebot.state.QueryLog.FrequentQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a guild's digest for a day from the corpus, the query log and the guild's earlier digests.
 * Deterministic: the same state and the same moment give the same digest, which is what lets
 * {@code /digest preview} show exactly what would be posted.
 */
public final class DigestComposer {

    private static final Logger LOG = LoggerFactory.getLogger(DigestComposer.class);

    /** How far back "the day's" questions reach. */
    static final Duration QUESTION_WINDOW = Duration.ofHours(24);

    static final int MAX_NEW_DOCUMENTS = 5;
    static final int MAX_ASKED = 3;
    static final int MAX_UNANSWERED = 10;
    /** A passage of the day is not repeated within this many days. */
    static final int PASSAGE_REPEAT_DAYS = 30;

    static final int MIN_PASSAGE_CHARS = 200;
    static final int MAX_PASSAGE_CHARS = 1200;

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…][\"”’')\\]]*(?=\\s+[\"“‘(\\p{Lu}\\d])");

    private final DigestCorpus corpus;
    private final QueryLog queryLog;
    private final PassageSearch search;
    private final DigestRuns runs;

    public DigestComposer(DigestCorpus corpus, QueryLog queryLog, PassageSearch search, DigestRuns runs) {
        this.corpus = corpus;
        this.queryLog = queryLog;
        this.search = search;
        this.runs = runs;
    }

    /** Every document's content hash now: what a new guild's first digest compares against. */
    public Map<String, String> corpusHashes() {
        Map<String, String> hashes = new LinkedHashMap<>();
        corpus.read().documents().forEach(d -> hashes.put(d.docId(), d.contentHash()));
        return hashes;
    }

    /** The digest of {@code settings.guildId()} for {@code date}, composed at {@code now}. */
    public Digest compose(DigestSettings settings, Instant now, LocalDate date) {
        Contents contents = corpus.read();
        Map<String, String> hashes = new LinkedHashMap<>();
        contents.documents().forEach(d -> hashes.put(d.docId(), d.contentHash()));
        Set<DigestSection> sections = settings.sections();
        String guild = settings.guildId();
        List<NewDocument> added = sections.contains(DigestSection.NEW) ? newDocuments(guild, contents) : List.of();
        List<AskedQuestion> asked = sections.contains(DigestSection.ASKED) ? mostAsked(guild, now) : List.of();
        Optional<PassageOfTheDay> passage =
                sections.contains(DigestSection.PASSAGE) ? passageOfTheDay(guild, date, contents) : Optional.empty();
        List<FrequentQuery> unanswered = sections.contains(DigestSection.UNANSWERED)
                ? queryLog.frequent(Optional.of(guild), now.minus(QUESTION_WINDOW), MAX_UNANSWERED, false)
                : List.of();
        return new Digest(guild, date, added, asked, passage, unanswered, hashes);
    }

    /** Documents new or changed since what the guild's last digest saw; none before its first. */
    private List<NewDocument> newDocuments(String guild, Contents contents) {
        Map<String, String> seen = runs.seenDocuments(guild);
        if (seen.isEmpty()) {
            return List.of();
        }
        List<NewDocument> added = new ArrayList<>();
        for (CorpusDocument document : contents.documents()) {
            String before = seen.get(document.docId());
            if (!document.contentHash().equals(before)) {
                added.add(new NewDocument(document, before != null, lead(document.opening())));
            }
        }
        // Additions before changes, then the most recently published first.
        added.sort(Comparator.comparing(NewDocument::changed)
                .thenComparing(
                        d -> d.document().metadata().published().orElse(LocalDate.MIN), Comparator.reverseOrder())
                .thenComparing(d -> d.document().metadata().title()));
        return added.subList(0, Math.min(MAX_NEW_DOCUMENTS, added.size()));
    }

    private List<AskedQuestion> mostAsked(String guild, Instant now) {
        List<AskedQuestion> asked = new ArrayList<>();
        for (FrequentQuery query : queryLog.frequent(Optional.of(guild), now.minus(QUESTION_WINDOW), MAX_ASKED, true)) {
            Optional<SearchHit> best = Optional.empty();
            try {
                SearchResults results = search.search(SearchRequest.of(query.query(), 1));
                best = results.hits().stream().findFirst();
            } catch (QueryException e) {
                LOG.debug("Digest: frequent query '{}' no longer parses: {}", query.query(), e.getMessage());
            }
            asked.add(new AskedQuestion(query.query(), query.count(), best));
        }
        return asked;
    }

    /**
     * A well-formed passage picked by a hash of guild, date and passage id, so every run for the
     * same day picks the same one, skipping those the guild saw in the last 30 days.
     */
    private Optional<PassageOfTheDay> passageOfTheDay(String guild, LocalDate date, Contents contents) {
        Set<String> recent = runs.passagesSince(guild, date.minusDays(PASSAGE_REPEAT_DAYS - 1L), date);
        StoredPassage best = null;
        String bestKey = null;
        for (StoredPassage candidate : contents.passages()) {
            String id = candidate.passage().id();
            if (recent.contains(id) || !wellFormed(candidate.passage().text())) {
                continue;
            }
            String key = sha256(guild + "|" + date + "|" + id);
            if (bestKey == null || key.compareTo(bestKey) < 0) {
                best = candidate;
                bestKey = key;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new PassageOfTheDay(
                best,
                TextFragmentLinks.link(best.metadata().url(), best.passage().text())));
    }

    /** Reads as a complete piece of prose: a sensible length, a capital start, a sentence end. */
    static boolean wellFormed(String text) {
        String t = text.strip();
        if (t.length() < MIN_PASSAGE_CHARS || t.length() > MAX_PASSAGE_CHARS || t.startsWith("#")) {
            return false;
        }
        int first = t.codePointAt(0);
        boolean opens = Character.isUpperCase(first) || Character.isDigit(first) || "\"“‘(".indexOf(first) >= 0;
        char last = t.charAt(t.length() - 1);
        boolean closes = ".!?…\"”’)".indexOf(last) >= 0;
        return opens && closes && SENTENCE_END.matcher(t).find();
    }

    /** The first two sentences of {@code text}, or all of it when it has fewer. */
    static String lead(String text) {
        String t = text.strip();
        Matcher m = SENTENCE_END.matcher(t);
        int sentences = 0;
        while (m.find()) {
            if (++sentences == 2) {
                return t.substring(0, m.end()).strip();
            }
        }
        return t;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
