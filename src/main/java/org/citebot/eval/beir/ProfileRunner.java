package org.citebot.eval.beir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retrieval profiles over test collections and scores every run with {@link TrecEval}, each
 * profile in a fresh folder under a working directory the caller owns (and deletes).
 */
public final class ProfileRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileRunner.class);

    private final Path workRoot;

    public ProfileRunner(Path workRoot) {
        this.workRoot = workRoot;
    }

    /** Every profile on every collection, collections outermost. */
    public List<ProfileResult> runAll(List<TestCollection> collections, List<RetrievalProfile> profiles)
            throws IOException {
        List<ProfileResult> results = new ArrayList<>();
        for (TestCollection collection : collections) {
            for (RetrievalProfile profile : profiles) {
                results.add(run(collection, profile));
            }
        }
        return List.copyOf(results);
    }

    /** One profile on one collection. */
    public ProfileResult run(TestCollection collection, RetrievalProfile profile) throws IOException {
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory(workRoot, collection.name() + "-" + profile.name() + "-");
        RankedRun run = profile.run(collection, dir);
        EffectivenessScores scores = TrecEval.evaluate(collection.judgements(), run, collection.averaging());
        long took = (System.nanoTime() - started) / 1_000_000;
        LOG.info(
                "eval {} on {}: nDCG@10 {} over {} queries in {} ms",
                profile.name(),
                collection.name(),
                String.format("%.4f", scores.ndcgAt10()),
                scores.queries(),
                took);
        return new ProfileResult(
                collection.name(),
                profile.name(),
                scores,
                profile.depth(),
                took,
                PublishedFigures.forRun(collection.name(), profile.name()));
    }
}
