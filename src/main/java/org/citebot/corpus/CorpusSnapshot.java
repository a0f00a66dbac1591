package org.citebot.corpus;

import java.util.List;

/** Everything read from a corpus directory in one pass: the documents and the files skipped. */
public record CorpusSnapshot(List<SourceDocument> documents, List<SkippedFile> skipped) {

    public CorpusSnapshot {
        documents = List.copyOf(documents);
        skipped = List.copyOf(skipped);
    }
}
