package org.citebot.eval.beir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a retrieval profile returned for every topic: the TREC "run". Topics without a single hit are
 * absent, as they would be from a run file.
 */
public record RankedRun(Map<String, List<ScoredDocument>> byQuery) {

    public RankedRun {
        Map<String, List<ScoredDocument>> copy = new LinkedHashMap<>();
        byQuery.forEach((query, hits) -> {
            if (!hits.isEmpty()) {
                copy.put(query, List.copyOf(hits));
            }
        });
        byQuery = Collections.unmodifiableMap(copy);
    }

    /** The hits of {@code queryId}, empty when it retrieved nothing. */
    public List<ScoredDocument> hits(String queryId) {
        return byQuery.getOrDefault(queryId, List.of());
    }
}
