package org.citebot.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedFrame;
import org.jspecify.annotations.Nullable;

/**
 * Profiles citebot's indexing by stage, as {@link SearchStageProfiler} does its search: JDK Flight
 * Recorder samples the threads that index (the feeding thread, the index's writing threads and
 * Lucene's merge threads) while a corpus is indexed, and each sample is charged to the stage its
 * stack is in: analysis, inversion into in-memory postings, stored fields, doc values and points,
 * flushing segments, merging, committing, hashing documents, building documents, embedding.
 * Garbage collection runs outside Java threads and is not in the profile.
 */
final class IndexingStageProfiler {

    static final String THREAD_NAME = "citebot-bench-index-profile";

    private IndexingStageProfiler() {}

    /** Indexes {@code corpus} into the empty folder {@code indexDir} with {@code engine}, sampled. */
    static StageProfile profile(BenchEngine engine, BenchCorpus corpus, Path indexDir, Path workDir)
            throws IOException {
        long[] took = new long[1];
        Map<String, Integer> counts = ExecutionSampler.sample(
                workDir,
                Duration.ofMillis(2),
                THREAD_NAME,
                () -> {
                    long started = System.nanoTime();
                    engine.index(corpus, indexDir);
                    took[0] = System.nanoTime() - started;
                },
                IndexingStageProfiler::stage);
        int passages = corpus.passages();
        return StageProfile.of(passages, took[0] / 1_000.0 / Math.max(1, passages), counts);
    }

    /** The stage of one sample, or null for a thread that does not index. */
    static @Nullable String stage(String thread, List<RecordedFrame> frames) {
        if (thread.startsWith("Lucene Merge Thread")) {
            return "merging segments (background threads)";
        }
        if (!thread.equals(THREAD_NAME) && !thread.startsWith("citebot-index-")) {
            return null;
        }
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            String method = frame.getMethod().getName();
            if (type.endsWith("IndexWriter") && (method.startsWith("commit") || method.equals("startCommit"))) {
                return "committing (fsync)";
            }
            if ((type.endsWith("DocumentsWriterPerThread") && method.equals("flush"))
                    || (type.endsWith("IndexWriter") && method.equals("doFlush"))) {
                return "flushing segments (postings, stored fields, vectors to disk)";
            }
        }
        for (RecordedFrame frame : frames) {
            String stage = classify(frame.getMethod().getType().getName());
            if (stage != null) {
                return stage;
            }
        }
        return "other (JDK, harness)";
    }

    /** The stage a frame of this class is in, or null to look at its caller. */
    static @Nullable String classify(String type) {
        if (type.startsWith("ai.onnxruntime") || type.startsWith("ai.djl") || type.startsWith("org.citebot.semantic")) {
            return "embedding (the model)";
        }
        if (type.startsWith("org.sqlite") || type.startsWith("org.citebot.state")) {
            return "embedding cache (SQLite)";
        }
        if (type.startsWith("sun.security.provider") || type.equals("java.security.MessageDigest")) {
            return "hashing documents (SHA-256)";
        }
        if (type.startsWith("org.apache.lucene.analysis")) {
            return "analysis (tokenizing, stemming)";
        }
        if (type.contains("Hnsw") || type.contains("hnsw") || type.contains("Quantiz") || type.contains("Vector")) {
            return "vectors (HNSW graph)";
        }
        if (type.contains("StoredFields") || type.contains("LZ4") || type.contains("compressing")) {
            return "stored fields";
        }
        if (type.contains("DocValues") || type.contains("Points") || type.contains("bkd") || type.contains("Norms")) {
            return "doc values, points and norms";
        }
        if (type.contains("TermsHash")
                || type.contains("FreqProx")
                || type.contains("BytesRefHash")
                || type.contains("ByteBlockPool")
                || type.contains("IndexingChain")) {
            return "inversion (postings in memory)";
        }
        if (type.startsWith("org.citebot.index.AnalyzedText")) {
            return "replaying analyzed tokens";
        }
        if (type.startsWith("org.citebot.index") || type.startsWith("org.apache.lucene.document")) {
            return "building documents";
        }
        if (type.startsWith("org.apache.lucene.index.IndexWriter")
                || type.startsWith("org.apache.lucene.index.Documents")) {
            return "index writer bookkeeping";
        }
        return null;
    }
}
