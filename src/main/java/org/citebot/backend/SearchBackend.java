package org.citebot.backend;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.citebot.digest.DigestCorpus;
import org.citebot.passages.AddedDocuments;
import org.citebot.passages.Audience;
import org.citebot.passages.CorpusIndexReport;
import org.citebot.passages.CorpusRuns;
import org.citebot.passages.PassageStore;
import org.citebot.search.PassageSearch;
import org.citebot.search.QueryNormalizer;

/**
 * Where citebot's passages live and are searched: the embedded Lucene index inside the process, or
 * SolrCloud. The composition root opens one from {@code search.backend} and builds the search, the
 * answer cache, the reindex service, the catalog, the digest, {@code /status} and {@code /readyz} on
 * it, so none of them knows which engine answers.
 */
public interface SearchBackend extends Closeable {

    /**
     * Why searches cannot be answered right now (the store's servers down or out of reach, in one
     * line for operators), or empty while they can: what {@code /readyz}'s "search" check reports. Cheap
     * enough to call for every readiness probe; a backend that was unavailable reports empty again by
     * itself once its store answers. The embedded index, inside the process, is never unavailable.
     */
    Optional<String> unavailable();

    /** The search the commands, the console, the CLI and the digest use (before the answer cache). */
    PassageSearch search();

    /** The canonical form of a query under this backend's analysis: what answer cache keys carry. */
    QueryNormalizer normalizer();

    /** The passages: updates, rebuilds, previews, metadata (with the generation cache keys carry), documents. */
    PassageStore store();

    /** The corpus folder (and the added articles) into {@link #store()}: what the reindex service runs. */
    CorpusRuns corpus();

    /**
     * Makes every corpus run from now on take in the articles added by URL from {@code added}, so a
     * rebuild re-creates them from their store; called before {@link #ensureBuilt()}.
     */
    void includeAdded(AddedDocuments added);

    /**
     * Builds the passages from the corpus when the store is empty or from an older schema, so a new
     * install answers at once.
     *
     * @return the report when it built, else empty
     * @throws java.nio.file.NoSuchFileException when it must build and the corpus folder does not exist
     */
    Optional<CorpusIndexReport> ensureBuilt() throws IOException;

    /**
     * Notes that a corpus run which started reading at {@code startedAt} is now stored (even when it
     * changed nothing), for the command line's check whether answers may be stale; never fails.
     */
    void recordCorpusScan(Instant startedAt);

    /**
     * The section headings autocomplete offers every server, read from what serves now: headings of
     * an article one server added are left out.
     */
    List<String> sharedSections() throws IOException;

    /**
     * What the daily digest reads of the passages (content hashes, the documents it names, a sample),
     * each server seeing what {@code audiences} lets it.
     */
    DigestCorpus digestCorpus(Function<String, Audience> audiences);
}
