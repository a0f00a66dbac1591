package org.citebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys the moderator reindex added: corpus.watch, corpus.watchDebounce, moderators.logChannel. */
class ReindexConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaults_watchOffFiveSecondDebounceNoLogChannel() {
        CitebotConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), false);

        assertThat(config.corpus().watch()).isFalse();
        assertThat(config.corpus().watchDebounce()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.moderators().logChannel()).isEmpty();
    }

    @Test
    void yamlAndEnvironment_setThem() throws IOException {
        Path file = dir.resolve("citebot.yaml");
        Files.writeString(
                file,
                "corpus:\n  watch: true\n  watchDebounce: 750ms\nmoderators:\n  logChannel: '123456789012345678'\n");

        CitebotConfig fromFile = new ConfigLoader(Map.of()).load(Optional.of(file), true);
        CitebotConfig fromEnv = new ConfigLoader(Map.of(
                        "CITEBOT_MODERATORS_LOG_CHANNEL", "876543210987654321", "CITEBOT_CORPUS_WATCH_DEBOUNCE", "2s"))
                .load(Optional.of(file), true);

        assertThat(fromFile.corpus().watch()).isTrue();
        assertThat(fromFile.corpus().watchDebounce()).isEqualTo(Duration.ofMillis(750));
        assertThat(fromFile.moderators().logChannel()).contains("123456789012345678");
        assertThat(fromEnv.moderators().logChannel()).contains("876543210987654321");
        assertThat(fromEnv.corpus().watchDebounce()).isEqualTo(Duration.ofSeconds(2));
        assertThat(fromFile.withCorpusDir(dir).corpus().watch()).isTrue();
    }

    @Test
    void badValues_failNamingTheKey() throws IOException {
        Path file = dir.resolve("citebot.yaml");
        Files.writeString(file, "moderators:\n  logChannel: general\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("moderators.logChannel");

        Files.writeString(file, "corpus:\n  watchDebounce: 5ms\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("corpus.watchDebounce");
    }
}
