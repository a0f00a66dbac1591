package org.citebot.eval.extraction;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.citebot.eval.beir.CollectionFormatException;
import org.citebot.eval.extraction.ExtractionBenchmark.Page;
import org.citebot.eval.extraction.ExtractionBenchmark.ShippedOutput;
import org.citebot.extract.ArticleCheck;
import org.citebot.extract.ArticleExtractor;
import org.citebot.extract.ExtractedArticle;

/**
 * Runs citebot's {@link ArticleExtractor} over the benchmark's pages and scores it beside every
 * shipped output with the same measure; also notes which of these real articles {@link ArticleCheck}
 * would refuse. Used by {@code citebot eval --extraction} and its CI test.
 */
public final class ExtractionEvaluation {

    private final ArticleExtractor extractor;
    private final ObjectMapper json;

    public ExtractionEvaluation(ArticleExtractor extractor, ObjectMapper json) {
        this.extractor = extractor;
        this.json = json;
    }

    /** The report for the benchmark in {@code dir}: citebot first, then the shipped outputs in name order. */
    public ExtractionReport measure(Path dir) throws CollectionFormatException {
        ExtractionBenchmark benchmark = ExtractionBenchmark.read(dir, json);
        List<Page> pages = benchmark.pages();
        long started = System.nanoTime();
        Map<String, String> bodies = new HashMap<>();
        Map<String, String> refusals = new TreeMap<>();
        for (Page page : pages) {
            byte[] html = benchmark.html(page);
            ExtractedArticle article = extractor.extract(html, Optional.empty(), page.url());
            bodies.put(page.id(), article.body());
            ArticleCheck.refusal(article, Optional.empty()).ifPresent(reason -> refusals.put(page.id(), reason));
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        List<ExtractorResult> results = new ArrayList<>();
        results.add(ExtractorResult.score("citebot", "", pages, page -> bodies.get(page.id())));
        for (ShippedOutput output : benchmark.shippedOutputs(json)) {
            results.add(ExtractorResult.score(output.name(), output.version(), pages, output::body));
        }
        Set<String> heldOut = new HashSet<>();
        pages.stream().filter(Page::heldOut).forEach(page -> heldOut.add(page.id()));
        return new ExtractionReport(dir, pages.size(), tookMillis, results, heldOut, refusals);
    }
}
