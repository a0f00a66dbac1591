package org.citebot.sources;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store of articles added by URL: the source of truth the index is made from (a rebuild
 * re-creates them from it, offline), kept in the state database so a backup of the data folder (or
 * of the PostgreSQL database) holds them. Implemented by {@code state.SqlAddedSources}; several
 * processes sharing one database see the same articles.
 */
public interface AddedSources {

    /**
     * Stores a new article with the page it was extracted from (kept compressed, so a better
     * extractor can read it again later).
     *
     * @return false, storing nothing, when an article with its id is already stored
     */
    boolean add(AddedArticle article, byte[] page);

    /** The stored article, text included. */
    Optional<AddedArticle> article(String id);

    /** The page the article was last extracted from, as fetched; empty for articles stored without it. */
    Optional<byte[]> page(String id);

    /** Every stored article without its text, oldest first. */
    List<SourceRecord> records();

    /** Every stored article's id and {@link AddedArticle#contentHash()}: what the index must hold. */
    Map<String, String> contentHashes();

    /**
     * Replaces a stored article's text and metadata with a fresh fetch (keeping who added it and
     * when), and marks its link alive.
     *
     * @return false when no such article is stored
     */
    boolean replace(AddedArticle article, byte[] page, LinkHealth health);

    /** Records what a link check found; false when the article was removed meanwhile. */
    boolean recordHealth(String id, LinkHealth health);

    /** Deletes an article; false when it was not stored. */
    boolean remove(String id);
}
