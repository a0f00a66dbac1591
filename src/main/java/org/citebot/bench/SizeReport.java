package org.citebot.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure measured on one generated corpus.
 *
 * @param indexing by engine: {@code citebot}, {@code lucene}, {@code fts5}
 * @param search by setup: {@code citebot}, {@code lucene}, {@code lucene+highlighter}, {@code fts5},
 *     {@code fts5+snippet}
 * @param interleaved citebot and bare Lucene (without highlighter) timed question by question in one
 *     loop, the comparison the speed targets take
 * @param profile where citebot's uncached search spends its time
 * @param indexingProfiles where indexing spends its time, by engine ({@code citebot}, {@code lucene}),
 *     from an untimed run of its own
 */
public record SizeReport(
        int passages,
        int documents,
        long textBytes,
        int queries,
        Map<String, IndexingFigures> indexing,
        Map<String, SearchFigures> search,
        InterleavedFigures interleaved,
        CacheFigures cache,
        StageProfile profile,
        Map<String, StageProfile> indexingProfiles,
        List<Ratio> ratios,
        List<TargetCheck> targets,
        Map<String, EmbeddingFigures> embedding) {

    public SizeReport {
        embedding = Collections.unmodifiableMap(new LinkedHashMap<>(embedding));
        indexing = Collections.unmodifiableMap(new LinkedHashMap<>(indexing));
        search = Collections.unmodifiableMap(new LinkedHashMap<>(search));
        indexingProfiles = Collections.unmodifiableMap(new LinkedHashMap<>(indexingProfiles));
        ratios = List.copyOf(ratios);
        targets = List.copyOf(targets);
    }
}
