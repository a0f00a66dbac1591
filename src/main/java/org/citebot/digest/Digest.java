package org.citebot.digest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.digest.DigestCorpus.CorpusDocument;
import org.citebot.passages.StoredPassage;
import org.citebot.questions.QueryLog.FrequentQuery;
import org.citebot.search.SearchHit;

/**
 * One guild's digest for one local day, before rendering. Sections the guild turned off, or with
 * nothing to say, are empty lists.
 *
 * @param unanswered for the moderator channel only, never the public post
 * @param notHelpful questions members marked "Not helpful", most such votes first; with {@code
 *     unanswered} the moderators' "Gaps", never in the public post
 * @param corpusHashes every document's content hash at composing time, remembered after posting
 *     so the next digest can tell what is new
 */
public record Digest(
        String guildId,
        LocalDate date,
        List<NewDocument> newDocuments,
        List<AskedQuestion> mostAsked,
        Optional<PassageOfTheDay> passageOfTheDay,
        List<FrequentQuery> unanswered,
        List<FrequentQuery> notHelpful,
        Map<String, String> corpusHashes) {

    public Digest {
        newDocuments = List.copyOf(newDocuments);
        mostAsked = List.copyOf(mostAsked);
        unanswered = List.copyOf(unanswered);
        notHelpful = List.copyOf(notHelpful);
        corpusHashes = Map.copyOf(corpusHashes);
    }

    /** A digest without votes on answers. */
    public Digest(
            String guildId,
            LocalDate date,
            List<NewDocument> newDocuments,
            List<AskedQuestion> mostAsked,
            Optional<PassageOfTheDay> passageOfTheDay,
            List<FrequentQuery> unanswered,
            Map<String, String> corpusHashes) {
        this(guildId, date, newDocuments, mostAsked, passageOfTheDay, unanswered, List.of(), corpusHashes);
    }

    /** A document added (or changed) since the guild's last digest, with its two-sentence lead. */
    public record NewDocument(CorpusDocument document, boolean changed, String lead) {}

    /** A frequent question and the passage that answers it best, if any still does. */
    public record AskedQuestion(String query, int count, Optional<SearchHit> best) {}

    /** The day's passage and its deep link. */
    public record PassageOfTheDay(StoredPassage passage, Optional<URI> link) {}

    /** Whether the public post would say nothing. */
    public boolean isEmpty() {
        return newDocuments.isEmpty() && mostAsked.isEmpty() && passageOfTheDay.isEmpty();
    }

    public Optional<String> passageId() {
        return passageOfTheDay.map(p -> p.passage().passage().id());
    }
}
