package org.citebot.eval.extraction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The extraction benchmark's outcome: each extractor's article-body F1, precision and recall over
 * all pages and the held-out half, printed for people or as one JSON object.
 *
 * @param tookMillis how long citebot took to extract every page
 * @param results citebot first, then the shipped outputs
 * @param heldOutPages the ids of the held-out half
 * @param refusals the pages citebot would refuse to add as not articles, with the reason
 */
public record ExtractionReport(
        Path dir,
        int pages,
        long tookMillis,
        List<ExtractorResult> results,
        Set<String> heldOutPages,
        Map<String, String> refusals) {

    public ExtractionReport {
        results = List.copyOf(results);
        heldOutPages = Set.copyOf(heldOutPages);
        refusals = Map.copyOf(refusals);
    }

    /** citebot's own result. */
    public ExtractorResult citebot() {
        return results.get(0);
    }

    /** The readable table; with {@code perPage}, citebot's pages from worst to best F1 too. */
    public void writeText(PrintWriter out, boolean perPage) {
        out.printf(Locale.ROOT, "Article extraction: %d pages of %s (citebot took %d ms)%n", pages, dir, tookMillis);
        out.println("Article-body token 4-gram shingles, averaged over pages as the benchmark's evaluate.py does.");
        out.println("held out: the odd-numbered pages in id order, never looked at while tuning citebot.");
        out.println();
        out.printf(
                Locale.ROOT,
                "%-18s %-9s %-7s %-9s %-7s   %-12s%n",
                "extractor",
                "version",
                "F1",
                "precision",
                "recall",
                "held-out F1");
        for (ExtractorResult result : results) {
            out.printf(
                    Locale.ROOT,
                    "%-18s %-9s %.4f  %.4f     %.4f    %.4f%n",
                    result.name(),
                    result.version().length() > 9 ? result.version().substring(0, 9) : result.version(),
                    result.all().f1(),
                    result.all().precision(),
                    result.all().recall(),
                    result.heldOut().f1());
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "citebot would refuse %d of the %d pages as not articles%s%n",
                refusals.size(),
                pages,
                refusals.isEmpty() ? "." : ":");
        new java.util.TreeMap<>(refusals).forEach((id, reason) -> out.printf(Locale.ROOT, "  %s: %s%n", id, reason));
        if (perPage) {
            out.println();
            out.println("citebot per page (F1 precision recall id, * held out), worst first:");
            citebot().pages().entrySet().stream()
                    .sorted(Comparator.comparingDouble(entry -> f1(entry.getValue())))
                    .forEach(entry -> out.printf(
                            Locale.ROOT,
                            "  %.3f %.3f %.3f %s%s%n",
                            f1(entry.getValue()),
                            entry.getValue().precision(),
                            entry.getValue().recall(),
                            entry.getKey(),
                            heldOutPages.contains(entry.getKey()) ? " *" : ""));
        }
        out.flush();
    }

    private static double f1(ShingleMatch match) {
        double p = match.precision();
        double r = match.recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Exactly one JSON object. */
    public String toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("benchmark", dir.toString());
        root.put("pages", pages);
        root.put("citebotMillis", tookMillis);
        root.set("refused", json.valueToTree(new java.util.TreeMap<>(refusals)));
        ObjectNode extractors = root.putObject("extractors");
        for (ExtractorResult result : results) {
            ObjectNode node = extractors.putObject(result.name());
            node.put("version", result.version());
            put(node, "all", result.all());
            put(node, "development", result.development());
            put(node, "heldOut", result.heldOut());
        }
        return root.toString();
    }

    private static void put(ObjectNode node, String name, ExtractionScores scores) {
        ObjectNode part = node.putObject(name);
        part.put("f1", scores.f1());
        part.put("precision", scores.precision());
        part.put("recall", scores.recall());
        part.put("pages", scores.pages());
    }
}
