package org.citebot.corpus;

import java.time.Duration;

/**
 * Limits for reading a corpus, set by the app's configuration.
 *
 * @param maxFileBytes files larger than this are skipped rather than read into memory; a file's
 *     extracted text may hold at most as many characters (a PDF can inflate far beyond its size)
 * @param fileTimeout a file whose reading, cleaning and splitting takes longer is skipped
 */
public record CorpusOptions(long maxFileBytes, Duration fileTimeout) {

    /** The default file size limit, 10 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

    /** The default time a file may take, 60 s: a large PDF takes a few seconds. */
    public static final Duration DEFAULT_FILE_TIMEOUT = Duration.ofSeconds(60);

    public CorpusOptions {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, got " + maxFileBytes);
        }
        if (fileTimeout.isNegative() || fileTimeout.isZero()) {
            throw new IllegalArgumentException("fileTimeout must be positive, got " + fileTimeout);
        }
    }

    /** A size limit with the default time limit. */
    public CorpusOptions(long maxFileBytes) {
        this(maxFileBytes, DEFAULT_FILE_TIMEOUT);
    }

    public static CorpusOptions defaults() {
        return new CorpusOptions(DEFAULT_MAX_FILE_BYTES, DEFAULT_FILE_TIMEOUT);
    }
}
