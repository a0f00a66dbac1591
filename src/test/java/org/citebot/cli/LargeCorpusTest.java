package org.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a 200 MB corpus indexes, and reindexes unchanged, in a JVM with the heap of a small
 * container (256 MB, SerialGC, exit on out-of-memory, as in the Docker image). The corpus is
 * generated here: 2,000 files of 100 KB of made-up prose, dated an hour back so their stamps are
 * trusted. The heaviest test of the suite: see the figures it prints.
 */
class LargeCorpusTest {

    private static final int FILES = 2_000;
    private static final int FILE_BYTES = 100_000;

    @TempDir
    Path dir;

    @Test
    void index_twoHundredMegabytes_indexesAndReindexesUnchangedIn256MegabytesOfHeap() throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        long bytes = writeCorpus(corpus);
        assertThat(bytes).isGreaterThanOrEqualTo(200_000_000L);
        Path config = Files.writeString(
                dir.resolve("citebot.yaml"),
                "corpus:\n  dir: " + corpus + "\nindex:\n  dir: " + dir.resolve("index") + "\nstate:\n  db: "
                        + dir.resolve("citebot.db") + "\n");

        BoundedHeapMain.ChildRun first = indexInSmallHeap(config);
        assertThat(first.output()).contains("  documents: 2000 (2000 added, 0 changed, 0 unchanged, 0 removed)");

        BoundedHeapMain.ChildRun again = indexInSmallHeap(config);
        assertThat(again.output()).contains("  documents: 2000 (0 added, 0 changed, 2000 unchanged, 0 removed)");

        System.out.printf(
                "200 MB corpus: first index %d ms (heap pools' peaks %d MB), unchanged reindex %d ms (%d MB)%n",
                first.figure(BoundedHeapMain.TOOK),
                first.figure(BoundedHeapMain.PEAK),
                again.figure(BoundedHeapMain.TOOK),
                again.figure(BoundedHeapMain.PEAK));
    }

    private static BoundedHeapMain.ChildRun indexInSmallHeap(Path config) throws IOException, InterruptedException {
        BoundedHeapMain.ChildRun run =
                BoundedHeapMain.runInSmallHeap(Duration.ofMinutes(10), "--config", config.toString(), "index");
        assertThat(run.exit()).as("exit code; output:%n%s", run.printed()).isZero();
        return run;
    }

    /** Writes the corpus; returns its size in bytes. */
    private static long writeCorpus(Path corpus) throws IOException {
        Random random = new Random(20261206);
        String[] vocabulary = vocabulary(random, 30_000);
        FileTime anHourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
        long total = 0;
        StringBuilder text = new StringBuilder(FILE_BYTES + 1_000);
        for (int f = 0; f < FILES; f++) {
            text.setLength(0);
            while (text.length() < FILE_BYTES) {
                int sentences = 3 + random.nextInt(5);
                for (int s = 0; s < sentences; s++) {
                    int words = 8 + random.nextInt(18);
                    for (int w = 0; w < words; w++) {
                        // Zipf-like: a few words are common, most are rare, as in prose.
                        String word = vocabulary[(int) (vocabulary.length * Math.pow(random.nextDouble(), 3))];
                        if (w == 0) {
                            text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
                        } else {
                            text.append(' ').append(word);
                        }
                    }
                    text.append(s + 1 < sentences ? ". " : ".\n\n");
                }
            }
            Path file = corpus.resolve("part" + f / 100).resolve(String.format("report_%04d.txt", f));
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            Files.setLastModifiedTime(file, anHourAgo);
            total += text.length();
        }
        return total;
    }

    private static String[] vocabulary(Random random, int size) {
        String[] syllables = {"ka", "lo", "mi", "ter", "sun", "dra", "vel", "pon", "shi", "gar", "ne", "bu", "rit", "ho"
        };
        String[] words = new String[size];
        for (int i = 0; i < size; i++) {
            StringBuilder word = new StringBuilder();
            int parts = 1 + random.nextInt(3);
            for (int p = 0; p < parts; p++) {
                word.append(syllables[random.nextInt(syllables.length)]);
            }
            words[i] = word.toString();
        }
        return words;
    }
}
