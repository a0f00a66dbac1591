package org.citebot.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.citebot.state.SqliteEmbeddingStore;
import org.citebot.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassageEmbedderTest {

    @TempDir
    Path dir;

    @Test
    void vectors_textsSeenBefore_areReadFromTheStoreNotEmbeddedAgain() {
        List<String> texts = List.of(
                PassageEmbedder.passageText("Escalation", "Tanks were sent in January."),
                PassageEmbedder.passageText("Escalation", "Fighter jets followed in the summer."));
        List<float[]> first;
        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("embeddings.db"))) {
            PassageEmbedder embedder = new PassageEmbedder(Models.bgeSmall(), store);
            first = embedder.vectors(texts);
            assertThat(embedder.embeddedCount()).isEqualTo(2);
        }

        try (SqliteEmbeddingStore reopened = SqliteEmbeddingStore.open(dir.resolve("embeddings.db"))) {
            PassageEmbedder embedder = new PassageEmbedder(Models.bgeSmall(), reopened);
            List<float[]> again = embedder.vectors(texts);

            assertThat(embedder.embeddedCount()).isZero();
            assertThat(embedder.reusedCount()).isEqualTo(2);
            assertThat(again.get(0)).containsExactly(first.get(0));
            assertThat(again.get(1)).containsExactly(first.get(1));
        }
    }

    @Test
    void vectors_sameTextTwiceInOneCall_embeddedOnce() {
        PassageEmbedder embedder = new PassageEmbedder(Models.bgeSmall(), EmbeddingStore.NONE);

        List<float[]> vectors = embedder.vectors(List.of("Red lines were crossed.", "Red lines were crossed."));

        assertThat(embedder.embeddedCount()).isEqualTo(1);
        assertThat(vectors.get(1)).containsExactly(vectors.get(0));
    }

    @Test
    void passageText_titleThenPassage_likeTheSciFactVectors() {
        assertThat(PassageEmbedder.passageText("A title", "The text.")).isEqualTo("A title The text.");
        assertThat(PassageEmbedder.passageText(" ", "The text.")).isEqualTo("The text.");
    }
}
