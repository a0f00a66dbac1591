package org.citebot.eval.beir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import org.citebot.eval.QuestionScore;
import org.citebot.eval.SeedQuestionEvaluation.SeedResult;

/**
 * Renders an {@link EvalReport} for people (figures to four decimals, each beside its published
 * figure and the difference) or for scripts (exactly one JSON object). Used by {@code citebot eval}.
 */
public final class EvalReportWriter {

    private final ObjectMapper json;

    public EvalReportWriter(ObjectMapper json) {
        this.json = json;
    }

    /** The readable report. */
    public void writeText(EvalReport report, PrintWriter out) {
        out.println("citebot eval: trec_eval measures (SciFact averaged over all judged queries as with -c,");
        out.println("CACM over judged queries with hits as without -c, matching how each was published)");
        for (ProfileResult result : report.results()) {
            out.println();
            out.printf(
                    Locale.ROOT,
                    "%s / %s: %s, depth %d, %.1f s%s%n",
                    result.collection(),
                    result.profile(),
                    queries(result.scores()),
                    result.depth(),
                    result.tookMillis() / 1000.0,
                    result.published().map(p -> ", compared with " + p.run()).orElse(""));
            for (Measure measure : Measure.values()) {
                if (!result.reports(measure)) {
                    out.printf(
                            Locale.ROOT,
                            "  %-8s   n/a   (run shallower than %d)%n",
                            measure.label(),
                            measure.depthNeeded());
                    continue;
                }
                double value = measure.of(result.scores());
                Optional<Double> published = result.published().flatMap(p -> p.figure(measure));
                if (published.isPresent()) {
                    out.printf(
                            Locale.ROOT,
                            "  %-8s %.4f  published %.4f  difference %+.4f%n",
                            measure.label(),
                            value,
                            published.get(),
                            difference(value, published.get()));
                } else {
                    out.printf(Locale.ROOT, "  %-8s %.4f%n", measure.label(), value);
                }
            }
        }
        report.seeds().forEach(seeds -> writeSeeds(seeds, out));
        out.flush();
    }

    private static String queries(EffectivenessScores scores) {
        if (scores.queries() == scores.judgedQueries()) {
            return scores.queries() + " queries";
        }
        return scores.queries() + " of " + scores.judgedQueries() + " judged queries (the others retrieved nothing)";
    }

    /** The difference as printed to four decimals, without a negative zero. */
    static double difference(double value, double published) {
        return Math.round((value - published) * 10_000) / 10_000.0 + 0.0;
    }

    private static void writeSeeds(SeedResult seeds, PrintWriter out) {
        QuestionScore score = seeds.score();
        out.println();
        out.printf(
                Locale.ROOT,
                "seeds / citebot (%s): %d answerable and %d off-topic questions over %d documents, %d passages, %.1f s%n",
                score.mode().label(),
                score.questions(),
                score.offTopic(),
                seeds.documents(),
                seeds.passages(),
                seeds.tookMillis() / 1000.0);
        out.printf(
                Locale.ROOT,
                "  success@1 %.4f%n  success@3 %.4f%n  MRR       %.4f%n"
                        + "  off-topic told nothing answers well   %d of %d%n"
                        + "  answerable told nothing answers well  %d of %d%n",
                score.successAt1(),
                score.successAt3(),
                score.mrr(),
                score.offTopicHonest(),
                score.offTopic(),
                score.falseAlarms(),
                score.questions());
        for (QuestionScore.Miss miss : score.misses()) {
            out.printf(
                    Locale.ROOT,
                    "  missed %s %s (%s): %s%n",
                    miss.question().id(),
                    miss.question().kind().name().toLowerCase(Locale.ROOT),
                    miss.rank() == 0 ? "not in the top 10" : "rank " + miss.rank(),
                    miss.question().question());
        }
    }

    /** The report as one JSON object, for scripts and CI. */
    public String toJson(EvalReport report) {
        ObjectNode root = json.createObjectNode();
        ArrayNode results = root.putArray("results");
        for (ProfileResult result : report.results()) {
            ObjectNode node = results.addObject();
            node.put("collection", result.collection());
            node.put("profile", result.profile());
            node.put("queries", result.scores().queries());
            node.put("judgedQueries", result.scores().judgedQueries());
            node.put("depth", result.depth());
            node.put("tookMillis", result.tookMillis());
            ObjectNode measures = node.putObject("measures");
            for (Measure measure : Measure.values()) {
                if (result.reports(measure)) {
                    measures.put(measure.label(), measure.of(result.scores()));
                }
            }
            result.published().ifPresent(published -> {
                ObjectNode publishedNode = node.putObject("published");
                publishedNode.put("run", published.run());
                ObjectNode figures = publishedNode.putObject("measures");
                for (Measure measure : Measure.values()) {
                    published.figure(measure).ifPresent(figure -> figures.put(measure.label(), figure));
                }
            });
        }
        ArrayNode allSeeds = root.putArray("seeds");
        report.seeds().forEach(seeds -> {
            ObjectNode node = allSeeds.addObject();
            node.put("mode", seeds.score().mode().label());
            node.put("questions", seeds.score().questions());
            node.put("offTopic", seeds.score().offTopic());
            node.put("offTopicHonest", seeds.score().offTopicHonest());
            node.put("falseAlarms", seeds.score().falseAlarms());
            node.put("documents", seeds.documents());
            node.put("passages", seeds.passages());
            node.put("successAt1", seeds.score().successAt1());
            node.put("successAt3", seeds.score().successAt3());
            node.put("mrr", seeds.score().mrr());
            node.put("tookMillis", seeds.tookMillis());
            ArrayNode misses = node.putArray("misses");
            for (QuestionScore.Miss miss : seeds.score().misses()) {
                misses.addObject()
                        .put("id", miss.question().id())
                        .put("kind", miss.question().kind().name().toLowerCase(Locale.ROOT))
                        .put("rank", miss.rank());
            }
        });
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
