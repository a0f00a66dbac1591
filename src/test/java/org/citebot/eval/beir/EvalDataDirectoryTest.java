package org.citebot.eval.beir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding ../shared/eval from the main checkout and from a worktree one level deeper. */
class EvalDataDirectoryTest {

    @TempDir
    Path root;

    @Test
    void locate_fromMainCheckout_findsSiblingSharedEval() throws Exception {
        Path shared = Files.createDirectories(root.resolve("shared/eval"));
        Path main = Files.createDirectories(root.resolve("main"));

        assertThat(EvalDataDirectory.locate(main))
                .contains(shared.toAbsolutePath().normalize());
    }

    @Test
    void locate_fromWorktree_walksUpToSharedEval() throws Exception {
        Path shared = Files.createDirectories(root.resolve("shared/eval"));
        Path worktree = Files.createDirectories(root.resolve("wt/eval"));

        assertThat(EvalDataDirectory.locate(worktree))
                .contains(shared.toAbsolutePath().normalize());
    }

    @Test
    void locate_noSharedFolderAbove_isEmpty() throws Exception {
        Path lonely = Files.createDirectories(root.resolve("a/b"));
        Files.createDirectories(root.resolve("a/b/shared/eval"));

        assertThat(EvalDataDirectory.locate(lonely).filter(found -> found.startsWith(root)))
                .isEmpty();
    }
}
