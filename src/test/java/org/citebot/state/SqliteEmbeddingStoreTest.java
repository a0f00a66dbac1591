package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEmbeddingStoreTest {

    @TempDir
    Path dir;

    @Test
    void save_thenFindAfterReopening_sameVectorsBitForBit() {
        float[] vector = {0.25f, -1.5f, Float.MIN_VALUE, 3.0e-7f};
        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("e.db"))) {
            store.save("m1", Map.of("k1", vector));
        }

        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("e.db"))) {
            Map<String, float[]> found = store.find("m1", List.of("k1", "absent"));

            assertThat(found).containsOnlyKeys("k1");
            assertThat(found.get("k1")).containsExactly(vector);
        }
    }

    @Test
    void find_otherModel_findsNothing() {
        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("e.db"))) {
            store.save("m1", Map.of("k1", new float[] {1f}));

            assertThat(store.find("m2", List.of("k1"))).isEmpty();
        }
    }

    @Test
    void find_moreKeysThanOneQueryBinds_findsThemAll() {
        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("e.db"))) {
            Map<String, float[]> many = new java.util.HashMap<>();
            for (int i = 0; i < 1_234; i++) {
                many.put("k" + i, new float[] {i});
            }
            store.save("m1", many);

            assertThat(store.find("m1", many.keySet())).hasSize(1_234);
            assertThat(store.count("m1")).isEqualTo(1_234);
        }
    }

    @Test
    void retainOnly_dropsOtherKeysAndOtherModels() {
        try (SqliteEmbeddingStore store = SqliteEmbeddingStore.open(dir.resolve("e.db"))) {
            store.save("m1", Map.of("keep", new float[] {1f}, "drop", new float[] {2f}));
            store.save("old-model", Map.of("keep", new float[] {3f}));

            long deleted = store.retainOnly("m1", Set.of("keep"));

            assertThat(deleted).isEqualTo(2);
            assertThat(store.find("m1", List.of("keep", "drop"))).containsOnlyKeys("keep");
            assertThat(store.count("old-model")).isZero();
        }
    }
}
