package org.citebot.passages;

import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Passage;

/** A passage read back from the index together with its document's metadata. */
public record StoredPassage(Passage passage, DocumentMetadata metadata) {}
