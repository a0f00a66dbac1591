package org.citebot.corpus;

import java.time.Duration;

/**
 * Limits for reading a corpus, set by the app's configuration.
 *
 * @param maxFileBytes files larger than this are skipped rather than read into memory; a file's
 *     extracted text may hold at most as many characters (a PDF can inflate far beyond its size)
 * @param fileTimeout a file whose reading, cleaning and splitting takes longer is skipped
 * @param maxLines a file with more lines (or, for HTML, lines and tags) is skipped: cleaning holds
 *     every line and paragraph of one file at once, about a hundred bytes each, so ten megabytes of
 *     one-word paragraphs would not fit a small heap; by default the heap's size over 120 bytes
 */
public record CorpusOptions(long maxFileBytes, Duration fileTimeout, long maxLines) {

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
        if (maxLines <= 0) {
            throw new IllegalArgumentException("maxLines must be positive, got " + maxLines);
        }
    }

    /** Size and time limits, with the line limit this JVM's heap allows. */
    public CorpusOptions(long maxFileBytes, Duration fileTimeout) {
        this(maxFileBytes, fileTimeout, linesTheHeapHolds());
    }

    /** A size limit with the default time limit. */
    public CorpusOptions(long maxFileBytes) {
        this(maxFileBytes, DEFAULT_FILE_TIMEOUT);
    }

    public static CorpusOptions defaults() {
        return new CorpusOptions(DEFAULT_MAX_FILE_BYTES, DEFAULT_FILE_TIMEOUT);
    }

    /**
     * Cleaning a file of short paragraphs costs about 80 bytes of heap per line at its peak
     * (measured: a million paragraphs, two million lines, peaked at about 160 MB live); 120 bytes a
     * line leaves room for the index writer and everything else: 2.1 million lines with a 256 MB heap.
     */
    static long linesTheHeapHolds() {
        return Math.max(100_000, Runtime.getRuntime().maxMemory() / 120);
    }
}
