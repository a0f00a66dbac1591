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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.digest.Digest.AskedQuestion;
import org.citebot.digest.Digest.NewDocument;
import org.citebot.digest.Digest.PassageOfTheDay;
import org.citebot.digest.DigestCorpus.CorpusDocument;
import org.citebot.passages.StoredPassage;
import org.citebot.questions.AnswerVotes;
import org.citebot.questions.QueryLog;
import org.citebot.questions.QueryLog.FrequentQuery;
import org.citebot.search.PassageSearch;
import org.citebot.search.QueryException;
import org.citebot.search.SearchFilters;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;
import org.citebot.search.TextFragmentLinks;
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

    /**
     * Passages the passage of the day is chosen from: all of a corpus this small, otherwise a sample
     * of this many drawn by guild and date, so composing reads the same few passages at any size.
     */
    static final int PASSAGE_SAMPLE = 256;

    static final int MIN_PASSAGE_CHARS = 200;
    static final int MAX_PASSAGE_CHARS = 1200;

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…][\"”’')\\]]*(?=\\s+[\"“‘(\\p{Lu}\\d])");

    private final DigestCorpus corpus;
    private final QueryLog queryLog;
    private final PassageSearch search;
    private final DigestRuns runs;
    private final Optional<AnswerVotes> votes;

    public DigestComposer(DigestCorpus corpus, QueryLog queryLog, PassageSearch search, DigestRuns runs) {
        this(corpus, queryLog, search, runs, Optional.empty());
    }

    /** @param votes members' votes on answers, whose "Not helpful" questions join the gaps */
    public DigestComposer(
            DigestCorpus corpus,
            QueryLog queryLog,
            PassageSearch search,
            DigestRuns runs,
            Optional<AnswerVotes> votes) {
        this.votes = votes;
        this.corpus = corpus;
        this.queryLog = queryLog;
        this.search = search;
        this.runs = runs;
    }

    /** Every document's content hash now: what a new guild's first digest compares against. */
    public Map<String, String> corpusHashes() {
        return corpus.contentHashes();
    }

    /** The digest of {@code settings.guildId()} for {@code date}, composed at {@code now}. */
    public Digest compose(DigestSettings settings, Instant now, LocalDate date) {
        String guild = settings.guildId();
        // Only what the server's members see: never an article another server added.
        DigestCorpus corpus = this.corpus.forServer(guild);
        Map<String, String> hashes = corpus.contentHashes();
        Set<DigestSection> sections = settings.sections();
        List<NewDocument> added =
                sections.contains(DigestSection.NEW) ? newDocuments(corpus, guild, hashes) : List.of();
        List<AskedQuestion> asked = sections.contains(DigestSection.ASKED) ? mostAsked(corpus, guild, now) : List.of();
        Optional<PassageOfTheDay> passage =
                sections.contains(DigestSection.PASSAGE) ? passageOfTheDay(corpus, guild, date) : Optional.empty();
        List<FrequentQuery> unanswered = sections.contains(DigestSection.UNANSWERED)
                ? queryLog.unanswered(guild, now.minus(QUESTION_WINDOW), MAX_UNANSWERED)
                : List.of();
        List<FrequentQuery> notHelpful = sections.contains(DigestSection.UNANSWERED)
                ? votes.map(v -> v.mostUnhelpful(guild, now.minus(QUESTION_WINDOW), MAX_UNANSWERED))
                        .orElse(List.of())
                : List.of();
        return new Digest(guild, date, added, asked, passage, unanswered, notHelpful, hashes);
    }

    /**
     * Documents new or changed since what the guild's last digest saw; none before its first. Only
     * the five shown have their opening passage read.
     */
    private List<NewDocument> newDocuments(DigestCorpus corpus, String guild, Map<String, String> hashes) {
        Map<String, String> seen = runs.seenDocuments(guild);
        if (seen.isEmpty()) {
            return List.of();
        }
        List<String> changedIds = new ArrayList<>();
        hashes.forEach((id, hash) -> {
            if (!hash.equals(seen.get(id))) {
                changedIds.add(id);
            }
        });
        Map<String, DocumentMetadata> metadata = corpus.metadata(changedIds);
        // Additions before changes, then the most recently published first.
        Comparator<String> order = Comparator.<String, Boolean>comparing(seen::containsKey)
                .thenComparing(id -> metadata.get(id).published().orElse(LocalDate.MIN), Comparator.reverseOrder())
                .thenComparing(id -> metadata.get(id).title());
        List<NewDocument> added = new ArrayList<>();
        for (String id : changedIds.stream()
                .filter(metadata::containsKey)
                .sorted(order)
                .limit(MAX_NEW_DOCUMENTS)
                .toList()) {
            String opening = corpus.opening(id);
            added.add(new NewDocument(
                    new CorpusDocument(id, metadata.get(id), hashes.get(id), opening),
                    seen.containsKey(id),
                    lead(opening)));
        }
        return added;
    }

    private List<AskedQuestion> mostAsked(DigestCorpus corpus, String guild, Instant now) {
        List<AskedQuestion> asked = new ArrayList<>();
        // Only questions asked publicly here by several members: one member's question is never posted.
        for (FrequentQuery query : queryLog.sharedQuestions(guild, now.minus(QUESTION_WINDOW), MAX_ASKED)) {
            Optional<SearchHit> best = Optional.empty();
            try {
                SearchResults results = search.search(
                        new SearchRequest(query.query(), SearchFilters.NONE.withAudience(corpus.audience()), 0, 1));
                best = results.hits().stream().findFirst();
            } catch (QueryException e) {
                LOG.debug("Digest: frequent query '{}' no longer parses: {}", query.query(), e.getMessage());
            }
            asked.add(new AskedQuestion(query.query(), query.count(), best));
        }
        return asked;
    }

    /**
     * A well-formed passage picked by a hash of guild, date and passage id among a sample drawn by
     * guild and date, so every run for the same day picks the same one, skipping those the guild
     * saw in the last 30 days.
     */
    private Optional<PassageOfTheDay> passageOfTheDay(DigestCorpus corpus, String guild, LocalDate date) {
        Set<String> recent = runs.passagesSince(guild, date.minusDays(PASSAGE_REPEAT_DAYS - 1L), date);
        StoredPassage best = null;
        String bestKey = null;
        for (StoredPassage candidate : corpus.passageSample(guild + "|" + date, PASSAGE_SAMPLE)) {
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
