package org.citebot.bench;

import java.util.List;

/** The result of one {@code citebot bench} run: the environment, SciFact quality, and each size's figures. */
public record BenchReport(
        BenchEnvironment environment,
        BenchSettings settings,
        QualityFigures quality,
        List<SizeReport> sizes,
        List<TargetCheck> targets) {

    public BenchReport {
        sizes = List.copyOf(sizes);
        targets = List.copyOf(targets);
    }
}
