package org.citebot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigLoader;
import org.citebot.index.IndexInUseException;
import org.citebot.index.IndexOwner;
import org.citebot.search.SearchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a command-line search reaches the index while something else may hold it, in one JVM. */
class SearchAccessTest {

    private static final Duration NO_WAIT = Duration.ZERO;

    @TempDir
    Path dir;

    private CitebotConfig config(Path corpus) {
        return new ConfigLoader(Map.of())
                .load(Optional.empty(), false)
                .withCorpusDir(corpus)
                .withIndexDir(dir.resolve("index"));
    }

    private static Path seeds() {
        return Path.of(System.getProperty("citebot.seeds", "seeds"));
    }

    @Test
    void open_indexHeldByARunningCitebot_searchesItReadOnlyWithoutNotes() throws IOException {
        CitebotConfig config = config(seeds());
        try (SearchEngine running = SearchEngine.open(config, Clock.systemUTC(), "citebot run (console)")) {
            running.ensureBuilt();

            try (SearchAccess access = SearchAccess.open(config, Clock.systemUTC(), NO_WAIT, busy -> {})) {
                assertThat(access.search().search(SearchRequest.of("HIMARS", 3)).hits())
                        .isNotEmpty();
                assertThat(access.notes()).isEmpty();
            }
            // Still the running citebot's: it keeps writing.
            assertThat(running.indexer().index(config.corpus().dir(), false).documents())
                    .isEqualTo(2);
        }
    }

    @Test
    void open_noIndexAndNobodyHoldsIt_buildsItThenLetsGo() throws IOException {
        CitebotConfig config = config(seeds());

        try (SearchAccess access = SearchAccess.open(config, Clock.systemUTC(), NO_WAIT, busy -> {})) {
            assertThat(access.search().search(SearchRequest.of("HIMARS", 3)).hits())
                    .isNotEmpty();
            assertThat(IndexOwner.readFrom(config.index().dir()))
                    .map(IndexOwner::command)
                    .contains("citebot search");
        }
        assertThat(IndexOwner.readFrom(config.index().dir())).isEmpty();
        SearchEngine.open(config, Clock.systemUTC()).close();
    }

    @Test
    void open_noUsableIndexYetAndItsHolderStillBuilding_waitsThenGivesUpNamingIt() throws IOException {
        CitebotConfig config = config(seeds());
        List<IndexInUseException> told = new ArrayList<>();
        try (SearchEngine building = SearchEngine.open(config, Clock.systemUTC(), "citebot index")) {
            assertThat(building.index().metadata().documents())
                    .as("nothing built yet")
                    .isZero();
            assertThatThrownBy(() -> SearchAccess.open(config, Clock.systemUTC(), Duration.ofMillis(500), told::add))
                    .isInstanceOf(IndexInUseException.class)
                    .hasMessageContaining(
                            "citebot index, pid " + ProcessHandle.current().pid());
        }
        assertThat(told).as("told once that it waits").hasSize(1);
    }

    @Test
    void open_emptyIndexHeldByACitebotThatServes_answersFromItSayingItIsEmpty() throws IOException {
        CitebotConfig config = config(dir.resolve("empty-corpus"));
        java.nio.file.Files.createDirectories(config.corpus().dir());
        try (SearchEngine serving = SearchEngine.open(config, Clock.systemUTC(), "citebot run (console)")) {
            serving.ensureBuilt();

            try (SearchAccess access = SearchAccess.open(config, Clock.systemUTC(), NO_WAIT, busy -> {})) {
                assertThat(access.notes())
                        .singleElement()
                        .asString()
                        .contains("holds no documents")
                        .contains("citebot run (console)");
            }
        }
    }

    @Test
    void open_noIndexAndNoCorpusFolder_failsWithoutCreatingTheIndex() {
        CitebotConfig config = config(dir.resolve("missing"));

        assertThatThrownBy(() -> SearchAccess.open(config, Clock.systemUTC(), NO_WAIT, busy -> {}))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(config.index().dir()).doesNotExist();
    }
}
