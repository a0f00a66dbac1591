package org.citebot.index;

import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Who is reading, as far as added documents go: the members of one server see the corpus folder's
 * documents and the articles added in that server; a direct message sees what every server sees;
 * the command line, evaluations and a deployment that shares added articles across its servers
 * ({@code sources.visibleEverywhere}) see everything. Searches, {@code /sources}, autocomplete and
 * the digest all filter with it, so a server never sees another's additions.
 *
 * @param everything whether every document is visible, whoever added it and where
 * @param server the server asking; empty for a direct message (or a reader outside any server)
 */
public record Audience(boolean everything, Optional<String> server) {

    /** No restriction: the command line, evaluations, cache warm-up. */
    public static final Audience EVERYTHING = new Audience(true, Optional.empty());

    /** The members of {@code server}, or of no server (a direct message) when empty. */
    public static Audience in(Optional<String> server) {
        return new Audience(false, server);
    }

    /** Whether a document of {@code origin} is visible to this audience. */
    public boolean sees(DocumentOrigin origin) {
        return everything || origin.server().isEmpty() || origin.server().equals(server);
    }

    /**
     * The Lucene filter that keeps only what this audience sees: documents that belong to no one
     * server, and those of {@code server}; empty when everything is visible.
     */
    public Optional<Query> filter() {
        if (everything) {
            return Optional.empty();
        }
        Query everyServer = new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), Occur.MUST)
                .add(new FieldExistsQuery(IndexSchema.OWNER), Occur.MUST_NOT)
                .build();
        if (server.isEmpty()) {
            return Optional.of(everyServer);
        }
        return Optional.of(new BooleanQuery.Builder()
                .add(everyServer, Occur.SHOULD)
                .add(new TermQuery(new Term(IndexSchema.OWNER, server.get())), Occur.SHOULD)
                .build());
    }
}
