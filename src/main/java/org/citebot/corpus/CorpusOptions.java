package org.citebot.corpus;

/**
 * Limits for reading a corpus, set by the app's configuration.
 *
 * @param maxFileBytes files larger than this are skipped rather than read into memory
 */
public record CorpusOptions(long maxFileBytes) {

    /** The default file size limit, 10 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

    public CorpusOptions {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, got " + maxFileBytes);
        }
    }

    public static CorpusOptions defaults() {
        return new CorpusOptions(DEFAULT_MAX_FILE_BYTES);
    }
}
