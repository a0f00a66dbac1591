package org.citebot.sources;

/**
 * A URL that cannot be added as an article, with the reason in words a moderator acts on: it could
 * not be fetched safely, or what it leads to is not an article.
 */
public final class SourceRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public SourceRefusedException(String reason) {
        super(reason);
    }
}
