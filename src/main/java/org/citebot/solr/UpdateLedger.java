package org.citebot.solr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.citebot.passages.IndexedFile;
import org.citebot.passages.UpdatePlan;

/**
 * What one update of the Solr passages does with the documents given, decided as the embedded
 * index decides it: a document the collection lacks is added, one whose indexed hash differs (or
 * every one, in a rebuild) is replaced, a kept or unchanged one stays; stored documents nobody gave
 * are deleted, except articles added by URL in a corpus run and everything in a patch. Both the
 * whole-list updates of {@link SolrPassages} and the streamed {@link SolrCorpusUpdate} keep one.
 */
final class UpdateLedger {

    private final Map<String, IndexedFile> indexed;
    private final boolean rebuild;
    private final boolean partial;
    /** Every document given, by id, with its indexed hash, in the order given. */
    private final Map<String, String> hashes = new LinkedHashMap<>();

    private final Map<String, Integer> passages = new HashMap<>();
    private final List<String> added = new ArrayList<>();
    private final List<String> replaced = new ArrayList<>();
    private final List<String> unchanged = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();

    /**
     * @param indexed what the collection serving now holds, by document id; ignored in a rebuild,
     *     which starts from an empty collection
     */
    UpdateLedger(Map<String, IndexedFile> indexed, boolean rebuild, boolean partial) {
        if (partial && rebuild) {
            throw new IllegalArgumentException("a partial update cannot rebuild the collection");
        }
        this.indexed = Map.copyOf(indexed);
        this.rebuild = rebuild;
        this.partial = partial;
    }

    boolean rebuild() {
        return rebuild;
    }

    /** What the collection holds for {@code docId}; empty in a rebuild. */
    Optional<IndexedFile> indexed(String docId) {
        return rebuild ? Optional.empty() : Optional.ofNullable(indexed.get(docId));
    }

    /**
     * Records a document given whole.
     *
     * @return true when it must be written (new, changed, or a rebuild)
     * @throws IllegalArgumentException when the id was already given
     */
    boolean put(String docId, String indexedHash, int passageCount) {
        claim(docId, indexedHash, passageCount);
        IndexedFile old = indexed.get(docId);
        if (old == null) {
            added.add(docId);
            return true;
        }
        if (rebuild || !old.indexedHash().equals(indexedHash)) {
            replaced.add(docId);
            return true;
        }
        unchanged.add(docId);
        return false;
    }

    /**
     * Records a document passed over unread.
     *
     * @throws IllegalArgumentException when the collection does not hold it, in a rebuild, or it was given already
     */
    void keep(String docId) {
        IndexedFile old = indexed(docId)
                .orElseThrow(
                        () -> new IllegalArgumentException("document " + docId + " is not indexed; it must be read"));
        claim(docId, old.indexedHash(), old.passages());
        unchanged.add(docId);
    }

    /**
     * Records a stored document to delete.
     *
     * @throws IllegalArgumentException when the collection does not hold it, or it was given already
     */
    void remove(String docId) {
        if (!indexed.containsKey(docId)) {
            throw new IllegalArgumentException("document " + docId + " is not indexed");
        }
        if (given(docId)) {
            throw new IllegalArgumentException("document id " + docId + " is listed twice");
        }
        removed.add(docId);
    }

    boolean given(String docId) {
        return hashes.containsKey(docId) || removed.contains(docId);
    }

    /** The stored articles added by URL, by id. */
    Map<String, IndexedFile> indexedAdded() {
        Map<String, IndexedFile> found = new TreeMap<>();
        indexed.forEach((id, file) -> {
            if (file.origin().added()) {
                found.put(id, file);
            }
        });
        return found;
    }

    int documents() {
        return hashes.size();
    }

    int passages() {
        return passages.values().stream().mapToInt(Integer::intValue).sum();
    }

    UpdatePlan plan() {
        List<String> deleted = new ArrayList<>(removed);
        for (String id : new TreeMap<>(indexed).keySet()) {
            if (!given(id) && !carried(id)) {
                deleted.add(id);
            }
        }
        return new UpdatePlan(added, replaced, unchanged, deleted, rebuild);
    }

    /** The indexed hashes of everything the collection holds after the update, by document id. */
    Map<String, String> heldAfter() {
        Map<String, String> all = new HashMap<>(hashes);
        indexed.forEach((id, file) -> {
            if (!given(id) && carried(id)) {
                all.put(id, file.indexedHash());
            }
        });
        return all;
    }

    /** How many passages the collection holds after the update. */
    int passagesAfter() {
        int all = passages();
        for (Map.Entry<String, IndexedFile> entry : indexed.entrySet()) {
            if (!given(entry.getKey()) && carried(entry.getKey())) {
                all += entry.getValue().passages();
            }
        }
        return all;
    }

    /**
     * Whether a stored document nobody mentioned stays: in a patch every one does; in a corpus run
     * the articles added by URL do, unless the run rewrites the whole collection.
     */
    private boolean carried(String id) {
        return !rebuild && (partial || indexed.get(id).origin().added());
    }

    private void claim(String id, String hash, int passageCount) {
        if (removed.contains(id) || hashes.putIfAbsent(id, hash) != null) {
            throw new IllegalArgumentException("document id " + id + " is listed twice");
        }
        passages.put(id, passageCount);
    }
}
