package org.citebot.eval.beir;

import java.util.Optional;

/**
 * One profile's measured run on one collection, with what it is compared against.
 *
 * @param depth hits retrieved per topic; measures needing a deeper run are not reported
 * @param tookMillis wall time of indexing and running every topic
 */
public record ProfileResult(
        String collection,
        String profile,
        EffectivenessScores scores,
        int depth,
        long tookMillis,
        Optional<PublishedFigures> published) {

    /** True when the run was deep enough for {@code measure}. */
    public boolean reports(Measure measure) {
        return depth >= measure.depthNeeded();
    }
}
