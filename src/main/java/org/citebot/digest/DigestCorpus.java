package org.citebot.digest;

import java.util.List;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.index.StoredPassage;

/** What the digest reads from the corpus: its documents with their content hashes, and its passages. */
public interface DigestCorpus {

    /**
     * One document as the digest shows it.
     *
     * @param contentHash changes whenever the document's content changes
     * @param opening the text of its first passage, for the lead
     */
    record CorpusDocument(String docId, DocumentMetadata metadata, String contentHash, String opening) {}

    /** The corpus as served now: documents sorted by id, passages in index order. */
    record Contents(List<CorpusDocument> documents, List<StoredPassage> passages) {
        public Contents {
            documents = List.copyOf(documents);
            passages = List.copyOf(passages);
        }
    }

    /** Reads the serving corpus; a failure is an {@link java.io.UncheckedIOException}. */
    Contents read();
}
