package org.citebot.testing;

import java.nio.file.Path;
import org.citebot.semantic.EmbeddingModels;
import org.citebot.semantic.TextEmbedder;

/**
 * The real embedding model, loaded once per test JVM (about 2 s and 60 MB) and shared by every test
 * that needs it. It is never closed: the JVM's exit frees it.
 */
public final class Models {

    private static TextEmbedder bge;

    private Models() {}

    /** bge-small-en-v1.5, as citebot runs it by default. */
    public static synchronized TextEmbedder bgeSmall() {
        if (bge == null) {
            bge = EmbeddingModels.load(EmbeddingModels.BGE_SMALL_EN, Path.of("target", "djl-cache"), 1);
        }
        return bge;
    }
}
