package org.citebot.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The result of one {@code citebot bench} run: the environment, SciFact quality, each size's figures,
 * (with the semantic model) what a first hybrid start costs on the seeds (empty or one), which
 * vectors the hybrid rows used: the model's id, {@link #SYNTHETIC_LABEL}, or "none", and, when the
 * run had Solr rows, which SolrCloud and collection shape they were measured on (left out of the
 * JSON otherwise, so a run without Solr reports as before).
 */
public record BenchReport(
        BenchEnvironment environment,
        BenchSettings settings,
        QualityFigures quality,
        List<SizeReport> sizes,
        List<TargetCheck> targets,
        List<SemanticStart> semanticStart,
        String hybridVectors,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String solr) {

    /** What {@link #hybridVectors} says when the hybrid rows' vectors are synthetic, not the model's. */
    public static final String SYNTHETIC_LABEL = "SYNTHETIC (" + SyntheticUnitVectors.MODEL_ID
            + ": deterministic unit vectors; only citebot-hybrid's ready, heap, size and indexing figures mean"
            + " anything, not its latencies or ranking)";

    public BenchReport {
        sizes = List.copyOf(sizes);
        targets = List.copyOf(targets);
        semanticStart = List.copyOf(semanticStart);
    }
}
