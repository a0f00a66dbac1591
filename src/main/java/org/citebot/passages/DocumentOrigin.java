package org.citebot.passages;

import java.util.Optional;

/**
 * Where an indexed document came from: a file of the corpus folder, or an article a moderator added
 * by its URL, which belongs to the server it was added in (or to every server, when added from the
 * command line). A corpus reindex never deletes an added document: only the store of added
 * documents decides those ({@link AddedDocuments}).
 *
 * @param added whether the document was added by URL rather than read from the corpus folder
 * @param server the id of the server an added document belongs to; empty: every server sees it
 */
public record DocumentOrigin(boolean added, Optional<String> server) {

    /** A file of the corpus folder, which every server sees. */
    public static final DocumentOrigin CORPUS = new DocumentOrigin(false, Optional.empty());

    public DocumentOrigin {
        if (!added && server.isPresent()) {
            throw new IllegalArgumentException("only an added document belongs to one server");
        }
        if (server.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("a server id must not be blank");
        }
    }

    /** An article added by URL, belonging to {@code server} or, when empty, to every server. */
    public static DocumentOrigin added(Optional<String> server) {
        return new DocumentOrigin(true, server);
    }
}
