package org.citebot.corpus;

/**
 * A corpus file cannot be turned into a document. The message is the one-line reason that ends up
 * in {@link SkippedFile#reason()}, so it must make sense to whoever maintains the corpus.
 */
final class UnreadableFileException extends Exception {

    private static final long serialVersionUID = 1L;

    UnreadableFileException(String reason) {
        super(reason);
    }
}
