package org.citebot.corpus;

/**
 * What reading one {@link CorpusFile} came to: a document, the news that its bytes are the ones
 * already indexed (so nothing was extracted), or a skip with its reason.
 */
public sealed interface ReadOutcome {

    /** The file was read, cleaned and turned into a document. */
    record Read(SourceDocument document) implements ReadOutcome {}

    /** The file's bytes hash to the content hash given; nothing was extracted. */
    record SameContent(String contentHash) implements ReadOutcome {}

    /** The file could not be used. */
    record Skipped(SkippedFile skipped) implements ReadOutcome {}
}
