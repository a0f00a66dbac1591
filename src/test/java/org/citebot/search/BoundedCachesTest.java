package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import org.junit.jupiter.api.Test;

class BoundedCachesTest {

    @Test
    void builder_tinyEntries_keepsAtMostTheCount() {
        Cache<Integer, String> cache = BoundedCaches.<Integer, String>builder(
                        100, 1024L * 1024, (key, value) -> BoundedCaches.string(value))
                .executor(Runnable::run)
                .build();

        for (int i = 0; i < 10_000; i++) {
            cache.put(i, "x");
        }
        cache.cleanUp();

        assertThat(cache.estimatedSize()).isBetween(90L, 100L);
    }

    @Test
    void builder_hugeEntries_keepsAtMostTheBytes() {
        String huge = "y".repeat(100_000); // 200 KB each by the estimate
        Cache<Integer, String> cache = BoundedCaches.<Integer, String>builder(
                        100, 1024L * 1024, (key, value) -> BoundedCaches.string(value))
                .executor(Runnable::run)
                .build();

        for (int i = 0; i < 1_000; i++) {
            cache.put(i, huge);
        }
        cache.cleanUp();

        long held =
                cache.asMap().values().stream().mapToLong(BoundedCaches::string).sum();
        assertThat(held).isLessThanOrEqualTo(1024L * 1024).isGreaterThanOrEqualTo(3L * 200_000);
    }

    @Test
    void builder_unboundedBytes_stillKeepsTheCount() {
        Cache<Integer, String> cache = BoundedCaches.<Integer, String>builder(
                        50, Long.MAX_VALUE, (key, value) -> BoundedCaches.string(value))
                .executor(Runnable::run)
                .build();

        for (int i = 0; i < 1_000; i++) {
            cache.put(i, "z".repeat(i));
        }
        cache.cleanUp();

        assertThat(cache.estimatedSize()).isBetween(40L, 50L);
    }

    @Test
    void builder_noRoom_refused() {
        assertThatThrownBy(() -> BoundedCaches.builder(0, 10, (key, value) -> 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
