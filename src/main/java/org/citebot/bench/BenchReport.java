package org.citebot.bench;

import java.util.List;

/**
 * The result of one {@code citebot bench} run: the environment, SciFact quality, each size's figures,
 * and (with the semantic model) what a first hybrid start costs on the seeds (empty or one).
 */
public record BenchReport(
        BenchEnvironment environment,
        BenchSettings settings,
        QualityFigures quality,
        List<SizeReport> sizes,
        List<TargetCheck> targets,
        List<SemanticStart> semanticStart) {

    public BenchReport {
        sizes = List.copyOf(sizes);
        targets = List.copyOf(targets);
        semanticStart = List.copyOf(semanticStart);
    }
}
