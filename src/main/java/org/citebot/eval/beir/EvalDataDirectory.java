package org.citebot.eval.beir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared evaluation data, which lives beside the project ({@code ../shared/eval}) and is
 * never copied into it. Worktrees sit one level deeper than the main checkout, so every ancestor of
 * the working directory is tried in turn: the first {@code shared/eval} folder found wins.
 */
public final class EvalDataDirectory {

    static final Path RELATIVE = Path.of("shared", "eval");

    private EvalDataDirectory() {}

    /** The nearest {@code shared/eval} folder above {@code workingDir}, if any. */
    public static Optional<Path> locate(Path workingDir) {
        Path dir = workingDir.toAbsolutePath().normalize().getParent();
        while (dir != null) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
