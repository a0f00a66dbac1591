package org.citebot.eval.beir;

import java.util.List;
import java.util.Optional;
import org.citebot.eval.SeedQuestionEvaluation.SeedResult;

/** Everything one {@code citebot eval} measured: the collection runs and the seed questions. */
public record EvalReport(List<ProfileResult> results, Optional<SeedResult> seeds) {

    public EvalReport {
        results = List.copyOf(results);
    }
}
