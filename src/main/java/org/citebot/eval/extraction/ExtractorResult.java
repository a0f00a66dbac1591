package org.citebot.eval.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.citebot.eval.extraction.ExtractionBenchmark.Page;

/**
 * One extractor's scores on the benchmark: over all pages, the development half and the held-out
 * half, and each page's match, for finding where it goes wrong.
 *
 * @param name {@code citebot} or the shipped output's file name
 * @param version the extractor's version, when its output names one
 * @param pages each page's match, by page id
 */
public record ExtractorResult(
        String name,
        String version,
        ExtractionScores all,
        ExtractionScores development,
        ExtractionScores heldOut,
        Map<String, ShingleMatch> pages) {

    public ExtractorResult {
        pages = Map.copyOf(pages);
    }

    /** Scores the bodies {@code extracted} gives for the benchmark's {@code pages}. */
    public static ExtractorResult score(
            String name, String version, List<Page> pages, Function<Page, String> extracted) {
        List<ShingleMatch> all = new ArrayList<>();
        List<ShingleMatch> development = new ArrayList<>();
        List<ShingleMatch> heldOut = new ArrayList<>();
        Map<String, ShingleMatch> byPage = new java.util.TreeMap<>();
        for (Page page : pages) {
            ShingleMatch match = ShingleMatch.of(page.expectedBody(), extracted.apply(page));
            all.add(match);
            (page.heldOut() ? heldOut : development).add(match);
            byPage.put(page.id(), match);
        }
        return new ExtractorResult(
                name,
                version,
                ExtractionScores.of(all),
                ExtractionScores.of(development),
                ExtractionScores.of(heldOut),
                byPage);
    }
}
