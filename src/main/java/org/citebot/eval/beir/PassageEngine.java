package org.citebot.eval.beir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.citebot.index.IndexSettings;
import org.citebot.passages.IndexedDocument;
import org.citebot.search.PassageSearch;
import org.citebot.search.SearchSettings;
import org.citebot.semantic.PassageEmbedder;

/**
 * Where a {@link CitebotProfile} keeps a test collection's passages and how it searches them: the
 * embedded Lucene index (the default, and what the published figures were measured on), or another
 * engine such as SolrCloud, so that {@code citebot eval --backend} measures each engine's answers
 * with the same questions, pages and scoring.
 */
public interface PassageEngine {

    /** A collection's passages stored in an engine, with the search over them; closing releases them. */
    interface Stored extends Closeable {

        /** The search a member's question goes through, before any answer cache. */
        PassageSearch search();
    }

    /** Appended to a profile's name in reports: empty for the embedded index. */
    String suffix();

    /**
     * Stores exactly {@code documents} (of the collection {@code collection}) as this engine stores a
     * corpus, analysed and weighted by {@code index}, with vectors by {@code embedder} when present,
     * and returns the search over them with {@code search}'s settings.
     *
     * @param workDir an empty folder the engine may fill
     */
    Stored store(
            String collection,
            List<IndexedDocument> documents,
            Path workDir,
            IndexSettings index,
            SearchSettings search,
            Optional<PassageEmbedder> embedder)
            throws IOException;
}
