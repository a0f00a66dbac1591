package org.citebot.passages;

import java.util.Optional;

/**
 * Who is reading, as far as added documents go: the members of one server see the corpus folder's
 * documents and the articles added in that server; a direct message sees what every server sees;
 * the command line, evaluations and a deployment that shares added articles across its servers
 * ({@code sources.visibleEverywhere}) see everything. Searches, {@code /sources}, autocomplete and
 * the digest all filter with it, so a server never sees another's additions. Each store turns it
 * into its own filter.
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
}
