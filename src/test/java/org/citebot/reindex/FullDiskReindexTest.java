package org.citebot.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.index.CorpusIndexer;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.passages.IndexMetadata;
import org.citebot.passages.IndexProgress;
import org.citebot.search.LuceneSearchService;
import org.citebot.search.SearchRequest;
import org.citebot.search.SearchSettings;
import org.citebot.state.SqlReindexRuns;
import org.citebot.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reindex that runs out of disk space fails, says so to the moderator, and leaves the previous
 * index answering. The disk is a real {@link FSDirectory} whose new files stop accepting bytes
 * once a quota is used up, as a full file system does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FullDiskReindexTest {

    private static final ReindexRequest MODERATOR =
            new ReindexRequest("555555555555555555", "a moderator", Optional.of("333333333333333333"), false, false);

    @TempDir
    Path dir;

    @Test
    void diskFullDuringAReindex_runFailsWithTheReason_previousIndexKeepsAnswering() throws Exception {
        TestCorpusFolder corpus = new TestCorpusFolder(dir.resolve("corpus")).write(0, 19, 3);
        QuotaDirectory disk = new QuotaDirectory(FSDirectory.open(dir.resolve("index")));
        List<Announcement> announced = new CopyOnWriteArrayList<>();
        try (PassageIndex index = new PassageIndex(disk, IndexSettings.defaults(), Clock.systemUTC());
                StateStore store = StateStore.open(dir.resolve("citebot.db"), Clock.systemUTC())) {
            CorpusIndexer indexer =
                    new CorpusIndexer(new CorpusReader(CorpusOptions.defaults()), new PassageSplitter(), index);
            LuceneSearchService search = new LuceneSearchService(index, SearchSettings.defaults());
            ReindexRuns runs = new SqlReindexRuns(store);
            ReindexService service =
                    new ReindexService(indexer, index, corpus.dir(), runs, announced::add, Clock.systemUTC());
            service.reindex(MODERATOR, IndexProgress.NONE);
            IndexMetadata good = index.metadata();
            List<String> goodAnswers = answers(search, "meridian token7");
            assertThat(goodAnswers).isNotEmpty();

            // Far more new text than the disk has room for.
            corpus.write(20, 219, 6);
            disk.allowOnly(16 * 1024);
            ReindexFailedException failed = catchThrowableOfType(
                    ReindexFailedException.class, () -> service.reindex(MODERATOR, IndexProgress.NONE));
            assertThat(failed).as("the reindex on a full disk fails").isNotNull();
            assertThat(failed.summary().error())
                    .hasValueSatisfying(error -> assertThat(error).contains("No space left on device"));
            assertThat(ReindexReplies.text(failed.summary()))
                    .startsWith("Reindex failed after")
                    .contains("No space left on device")
                    .contains("previous index (generation " + good.generation() + ") keeps answering");
            assertThat(disk.refusedWrites())
                    .as("writes refused by the full disk")
                    .isPositive();

            assertThat(index.metadata()).isEqualTo(good);
            assertThat(answers(search, "meridian token7")).isEqualTo(goodAnswers);
            assertThat(search.search(SearchRequest.of("token150", 10)).totalHits())
                    .isZero();
            assertThat(announced).last().isEqualTo(ReindexReplies.announcement(failed.summary()));
            ReindexRuns.Run failedRun = runs.recent(1).get(0);
            assertThat(failedRun.result()).isEqualTo(ReindexRuns.Result.FAILED);
            assertThat(failedRun.error())
                    .hasValueSatisfying(error -> assertThat(error).contains("No space left on device"));

            // Space freed: the next run writes everything.
            disk.allowOnly(Long.MAX_VALUE);
            ReindexSummary next = service.reindex(MODERATOR, IndexProgress.NONE);
            assertThat(next.added()).hasSize(200);
            assertThat(next.generationAfter()).isEqualTo(good.generation() + 1);
            assertThat(search.search(SearchRequest.of("token150", 10)).totalHits())
                    .isPositive();
        }
    }

    private static List<String> answers(LuceneSearchService search, String query) {
        return search.search(SearchRequest.of(query, 10)).hits().stream()
                .map(hit -> hit.passage().id())
                .toList();
    }

    /** A directory on a disk that holds only so many more bytes; past them every write fails like ENOSPC. */
    private static final class QuotaDirectory extends FilterDirectory {

        private final AtomicLong remaining = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong refused = new AtomicLong();

        QuotaDirectory(Directory in) {
            super(in);
        }

        void allowOnly(long bytes) {
            remaining.set(bytes);
        }

        long refusedWrites() {
            return refused.get();
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            return new QuotaOutput(in.createOutput(name, context));
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
            return new QuotaOutput(in.createTempOutput(prefix, suffix, context));
        }

        private final class QuotaOutput extends IndexOutput {

            private final IndexOutput out;

            QuotaOutput(IndexOutput out) {
                super("quota(" + out + ")", out.getName());
                this.out = out;
            }

            private void take(long bytes) throws IOException {
                if (remaining.addAndGet(-bytes) < 0) {
                    remaining.addAndGet(bytes);
                    refused.incrementAndGet();
                    throw new IOException("No space left on device");
                }
            }

            @Override
            public void writeByte(byte b) throws IOException {
                take(1);
                out.writeByte(b);
            }

            @Override
            public void writeBytes(byte[] b, int offset, int length) throws IOException {
                take(length);
                out.writeBytes(b, offset, length);
            }

            @Override
            public long getFilePointer() {
                return out.getFilePointer();
            }

            @Override
            public long getChecksum() throws IOException {
                return out.getChecksum();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        }
    }
}
