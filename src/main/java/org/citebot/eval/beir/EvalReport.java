package org.citebot.eval.beir;

import java.util.List;
import java.util.Optional;
import org.citebot.eval.SeedQuestionEvaluation.SeedResult;

/**
 * Everything one {@code citebot eval} measured: the collection runs and the seed questions (lexical,
 * then hybrid when the semantic model runs).
 */
public record EvalReport(List<ProfileResult> results, List<SeedResult> seeds) {

    public EvalReport {
        results = List.copyOf(results);
        seeds = List.copyOf(seeds);
    }

    /** A report with at most one seed result. */
    public EvalReport(List<ProfileResult> results, Optional<SeedResult> seeds) {
        this(results, seeds.stream().toList());
    }
}
