package org.citebot.reindex;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.citebot.corpus.SkippedFile;

/**
 * How one reindex run ended: what it changed (or, for a dry run, would change), the files it
 * skipped with their reasons, and how long it took; or why it failed. Rendered for the moderator,
 * the moderator log and the command line.
 *
 * @param added ids of documents new to the index
 * @param changed ids of documents whose passages were replaced
 * @param removed ids of documents no longer in the corpus, gone from results
 * @param unchanged ids of documents skipped by content hash, not re-analysed
 * @param documents documents in the corpus
 * @param passages passages of the corpus documents
 * @param rebuilt every document was rewritten (asked for, or the schema or analysis changed)
 * @param generationBefore the index generation serving when the run started
 * @param generationAfter the index generation serving when it ended; equal for dry and failed runs
 * @param error why the run failed; empty when it succeeded
 */
public record ReindexSummary(
        ReindexRequest request,
        Instant startedAt,
        Instant finishedAt,
        List<String> added,
        List<String> changed,
        List<String> removed,
        List<String> unchanged,
        List<SkippedFile> skipped,
        int documents,
        int passages,
        boolean rebuilt,
        long generationBefore,
        long generationAfter,
        Optional<String> error) {

    public ReindexSummary {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        unchanged = List.copyOf(unchanged);
        skipped = List.copyOf(skipped);
    }

    public boolean ok() {
        return error.isEmpty();
    }

    public Duration took() {
        return Duration.between(startedAt, finishedAt);
    }

    /** The counts the run log keeps. */
    public ReindexRuns.Counts counts() {
        return new ReindexRuns.Counts(
                added.size(), changed.size(), removed.size(), unchanged.size(), skipped.size(), passages);
    }
}
