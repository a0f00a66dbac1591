package org.citebot.eval.beir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A way of indexing a test collection and ranking its documents for every topic. {@code citebot
 * eval} runs each selected profile and scores its run with {@link TrecEval}.
 */
public interface RetrievalProfile {

    /** Short name shown in reports, e.g. {@code anserini}. */
    String name();

    /**
     * Indexes {@code collection} in {@code workDir} (an empty folder the profile may fill) and runs
     * every topic, at most {@link #depth()} hits each. A hit whose document id equals its query id is
     * left out, the convention behind BEIR's published figures.
     */
    RankedRun run(TestCollection collection, Path workDir) throws IOException;

    /** How many hits a profile retrieves per topic unless it says otherwise. */
    int DEPTH = 1000;

    /** How many hits this profile retrieves per topic. */
    default int depth() {
        return DEPTH;
    }
}
