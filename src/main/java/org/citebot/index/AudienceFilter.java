package org.citebot.index;

import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.citebot.passages.Audience;

/**
 * The embedded index's form of an {@link Audience}: the Lucene filter searches, {@code /sources},
 * autocomplete and the digest's reads apply, so a server never sees another's additions.
 */
public final class AudienceFilter {

    private AudienceFilter() {}

    /**
     * The filter that keeps only what {@code audience} sees: documents that belong to no one server,
     * and those of its server; empty when everything is visible.
     */
    public static Optional<Query> of(Audience audience) {
        if (audience.everything()) {
            return Optional.empty();
        }
        Query everyServer = new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), Occur.MUST)
                .add(new FieldExistsQuery(IndexSchema.OWNER), Occur.MUST_NOT)
                .build();
        if (audience.server().isEmpty()) {
            return Optional.of(everyServer);
        }
        return Optional.of(new BooleanQuery.Builder()
                .add(everyServer, Occur.SHOULD)
                .add(new TermQuery(new Term(IndexSchema.OWNER, audience.server().get())), Occur.SHOULD)
                .build());
    }
}
