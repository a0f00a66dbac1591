package org.citebot.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.citebot.search.PassageSearch;
import org.citebot.search.SearchHit;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchResults;

/**
 * Keeps deep links honest: a passage of an added article whose live page changed (as the link
 * check last saw it) and no longer holds the passage's text is linked to the page without the
 * {@code #:~:text=} fragment, and marked as changed. Wraps the search every command uses, after its
 * cache, so a changed page is honoured at once; reads the changed pages' text from memory,
 * refreshed after each link check and each curation.
 */
public final class HonestLinks implements PassageSearch {

    private final PassageSearch search;
    private final AddedSources store;
    /** The live text of every article whose page changed, normalised, by id. */
    private final AtomicReference<Map<String, String>> changed = new AtomicReference<>(Map.of());

    public HonestLinks(PassageSearch search, AddedSources store) {
        this.search = search;
        this.store = store;
        refresh();
    }

    /** Reads again which pages changed and what they hold now. */
    public void refresh() {
        changed.set(store.records().stream()
                .filter(r -> r.health().status() == LinkHealth.Status.CHANGED)
                .collect(Collectors.toUnmodifiableMap(
                        SourceRecord::id, r -> normalised(r.health().liveText().orElse("")))));
    }

    @Override
    public SearchResults search(SearchRequest request) {
        SearchResults results = search.search(request);
        Map<String, String> live = changed.get();
        if (live.isEmpty()
                || results.hits().stream()
                        .noneMatch(h -> live.containsKey(h.passage().docId()))) {
            return results;
        }
        List<SearchHit> hits = new ArrayList<>(results.hits().size());
        for (SearchHit hit : results.hits()) {
            String text = live.get(hit.passage().docId());
            hits.add(
                    text == null || text.contains(normalised(hit.passage().text()))
                            ? hit
                            : hit.onChangedPage(hit.document().url()));
        }
        return new SearchResults(
                results.normalizedQuery(),
                results.totalHits(),
                results.totalIsLowerBound(),
                results.offset(),
                hits,
                results.tookNanos(),
                results.didYouMean(),
                results.closestTitles(),
                results.mode(),
                results.goodMatch());
    }

    /** Lower case, letters and digits only, single spaces: cleaning differences are not changes. */
    static String normalised(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
