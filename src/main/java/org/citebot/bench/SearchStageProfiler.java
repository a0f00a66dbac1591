package org.citebot.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedFrame;

/**
 * Profiles citebot's uncached search by stage without touching its code: JDK Flight Recorder samples
 * the searching thread's stack every millisecond while it runs the query set, and each sample is
 * charged to the stage of the innermost citebot frame on its stack (query parsing, query building,
 * BM25F matching, proximity rescoring, diversity, highlighting, snippet excerpt, link building,
 * reading stored passages).
 */
final class SearchStageProfiler {

    static final String THREAD_NAME = "citebot-bench-profile";

    private SearchStageProfiler() {}

    /** Runs {@code search} over {@code queries} for about {@code seconds} on a dedicated thread, sampled. */
    static StageProfile profile(CitebotEngine.Opened opened, List<String> queries, double seconds, Path workDir)
            throws IOException {
        long[] done = new long[2];
        Map<String, Integer> counts = ExecutionSampler.sample(
                workDir,
                Duration.ofMillis(1),
                THREAD_NAME,
                () -> {
                    long started = System.nanoTime();
                    long deadline = started + (long) (seconds * 1e9);
                    long count = 0;
                    // At least a tenth of the query set, then until the time is up.
                    int minimum = Math.max(1, queries.size() / 10);
                    for (int i = 0; count < minimum || System.nanoTime() < deadline; i = (i + 1) % queries.size()) {
                        opened.search(queries.get(i));
                        count++;
                    }
                    done[0] = count;
                    done[1] = System.nanoTime() - started;
                },
                (thread, frames) -> THREAD_NAME.equals(thread) ? stage(frames) : null);
        int queriesRun = (int) done[0];
        return StageProfile.of(queriesRun, done[1] / 1_000.0 / Math.max(1, queriesRun), counts);
    }

    /** The stage a sample belongs to, from its innermost citebot frame (frames run innermost first). */
    static String stage(List<RecordedFrame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            RecordedFrame frame = frames.get(i);
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("org.citebot.")) {
                continue;
            }
            String method = frame.getMethod().getName();
            String callee = i > 0 ? calleeOf(frames.get(i - 1)) : "";
            return classify(type.substring(type.lastIndexOf('.') + 1), method, callee);
        }
        return "outside citebot's code (thread start, JIT stubs)";
    }

    private static String calleeOf(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    static String classify(String type, String rawMethod, String callee) {
        // A lambda's name carries the method it was written in: lambda$matchingQuery$0.
        String method = rawMethod.startsWith("lambda$") ? rawMethod.split("\\$")[1] : rawMethod;
        if (type.startsWith("Reranking")) {
            return method.equals("diversify")
                            || method.equals("docIds")
                            || method.equals("crowding")
                            || method.equals("widen")
                    ? "diversity (candidate window)"
                    : "proximity rescoring (candidate window)";
        }
        if (type.startsWith("LexicalQueries")) {
            return "query building";
        }
        if (type.startsWith("PassageHighlighter") || type.startsWith("TextSpans")) {
            return "highlighting (the page analyzed again)";
        }
        if (type.startsWith("NoMatchSuggestions") || type.startsWith("LuceneSpellings")) {
            return "no-match suggestions";
        }
        if (type.startsWith("UserQueryParser") || type.startsWith("ParsedQuery")) {
            return "query parsing and analysis";
        }
        if (type.startsWith("Snippets")) {
            return "snippet excerpt";
        }
        if (type.startsWith("TextFragmentLinks")) {
            return "link building";
        }
        if (type.startsWith("PassageDocuments")) {
            return "reading stored passages";
        }
        if (type.startsWith("SearchPipeline") || type.startsWith("LuceneSearch")) {
            if (callee.startsWith("org.apache.lucene.search.IndexSearcher.search")) {
                return method.equals("outside")
                        ? "second query for diversity (other documents)"
                        : "BM25F matching and top-k collection";
            }
            if (callee.startsWith("org.apache.lucene.search.IndexSearcher.count")) {
                return "counting all hits";
            }
            if (callee.contains("StoredFields") || callee.contains("storedFields")) {
                return "reading stored passages";
            }
            return "search service, other";
        }
        if (type.startsWith("PassageIndex")) {
            return "acquiring the searcher";
        }
        if (type.startsWith("SearchResults") || type.startsWith("SearchHit") || type.startsWith("Snippet")) {
            return "building the result values";
        }
        return "benchmark harness";
    }
}
