package org.citebot.corpus;

import java.nio.file.Path;

/** Where the real seed documents live: surefire sets {@code citebot.seeds}; an IDE run falls back to {@code seeds}. */
final class SeedFiles {

    private SeedFiles() {}

    static Path directory() {
        return Path.of(System.getProperty("citebot.seeds", "seeds"));
    }
}
