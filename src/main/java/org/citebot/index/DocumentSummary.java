package org.citebot.index;

import org.citebot.corpus.DocumentMetadata;

/** One document of the index as {@code /sources} lists it: id, metadata and passage count. */
public record DocumentSummary(String docId, DocumentMetadata metadata, int passages) {}
