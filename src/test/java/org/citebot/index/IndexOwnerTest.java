package org.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexOwnerTest {

    @TempDir
    Path dir;

    @Test
    void claim_indexAlreadyClaimed_failsNamingTheHolder() throws IOException {
        IndexOwner console = IndexOwner.thisProcess("citebot run (console)", false, Clock.systemUTC());
        try (PassageIndex held = IndexOwner.claim(dir, IndexSettings.defaults(), Clock.systemUTC(), console)) {
            IndexInUseException busy = catchThrowableOfType(
                    IndexInUseException.class,
                    () -> IndexOwner.claim(
                            dir,
                            IndexSettings.defaults(),
                            Clock.systemUTC(),
                            IndexOwner.thisProcess("citebot index", true, Clock.systemUTC())));

            assertThat(busy.owner()).contains(console);
            assertThat(busy.getMessage())
                    .contains("in use by citebot run (console), pid "
                            + ProcessHandle.current().pid());
            assertThat(held.metadata().documents()).isZero();
        }
    }

    @Test
    void readFrom_recordOfAProcessThatEnded_isEmpty() throws Exception {
        Process ended = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .start();
        ended.waitFor();
        new IndexOwner(ended.pid(), Optional.empty(), "citebot run (console)", false, Instant.now()).writeTo(dir);

        assertThat(IndexOwner.readFrom(dir)).isEmpty();
    }

    @Test
    void readFrom_samePidButAnotherStartTime_isEmpty() throws IOException {
        // A later process given the id of one that died without removing its record.
        ProcessHandle self = ProcessHandle.current();
        Instant earlier = self.info().startInstant().orElseThrow().minus(Duration.ofHours(1));
        new IndexOwner(self.pid(), Optional.of(earlier), "citebot run (console)", false, Instant.now()).writeTo(dir);

        assertThat(IndexOwner.readFrom(dir)).isEmpty();
    }

    @Test
    void readFrom_liveHolder_roundTripsAndRemoveFromForgetsIt() throws IOException {
        IndexOwner owner = IndexOwner.thisProcess("citebot search", true, Clock.systemUTC());
        owner.writeTo(dir);

        assertThat(IndexOwner.readFrom(dir)).contains(owner);
        IndexOwner.removeFrom(dir);
        assertThat(IndexOwner.readFrom(dir)).isEmpty();
    }
}
