package org.citebot.passages;

import java.util.Map;
import java.util.Optional;

/**
 * The articles moderators added by URL, as a corpus run takes them into a corpus run:
 * the store of added documents is their source of truth, so a rebuild (a new schema, {@code --full},
 * a lost index folder) re-creates them from it without any network access. Implemented over the
 * state database by the sources feature.
 */
public interface AddedDocuments {

    /** No store: a corpus run leaves the added documents in the index as they are (a rebuild loses them). */
    AddedDocuments NONE = new AddedDocuments() {
        @Override
        public boolean authoritative() {
            return false;
        }

        @Override
        public Map<String, String> contentHashes() {
            return Map.of();
        }

        @Override
        public Optional<IndexedDocument> document(String docId) {
            return Optional.empty();
        }
    };

    /**
     * Whether this is the whole set of added documents, so an indexed one it does not list is
     * removed; false only for {@link #NONE}.
     */
    default boolean authoritative() {
        return true;
    }

    /**
     * Every added document's id and content hash, cheaply (no text): a document whose indexed
     * record carries the same content hash is kept without being read or split again.
     */
    Map<String, String> contentHashes();

    /**
     * The document split into passages, its origin set; empty when it was removed meanwhile or
     * cannot be made into passages.
     */
    Optional<IndexedDocument> document(String docId);
}
