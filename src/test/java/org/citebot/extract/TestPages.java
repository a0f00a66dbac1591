package org.citebot.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The small pages written for these tests, under {@code src/test/resources/extract}. */
final class TestPages {

    private TestPages() {}

    static byte[] bytes(String name) {
        try (InputStream in = TestPages.class.getResourceAsStream("/extract/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test page " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page extracted as if it had been fetched from {@code location}. */
    static ExtractedArticle extract(String name, String location) {
        return new ArticleExtractor().extract(bytes(name), Optional.empty(), location);
    }
}
