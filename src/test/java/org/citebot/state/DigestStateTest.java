package org.citebot.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citebot.state.DigestRuns.DigestRun;
import org.citebot.state.DigestRuns.State;
import org.citebot.state.DigestSettingsStore.StoredDigestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestStateTest {

    private static final LocalDate DAY = LocalDate.of(2026, 5, 4);

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-05-04T06:00:00Z"), ZoneOffset.UTC);

    private static DigestRun run(State state, String nonce) {
        return new DigestRun(
                "g1",
                DAY,
                state,
                Optional.of(nonce),
                Optional.of("c1"),
                Optional.empty(),
                Optional.of("d#0"),
                Instant.parse("2026-05-04T06:00:00Z"),
                Optional.empty());
    }

    @Test
    void migration4_createsTheDigestTables_evenWhenVersion3ArrivesLater() {
        Path file = dir.resolve("citebot.db");
        List<Migration> withoutThree =
                Migrations.ALL.stream().filter(m -> m.version() != 3).toList();
        StateStore.open(file, clock, withoutThree).close();
        Migration three = new Migration(
                3,
                "a migration merged from another branch",
                List.of("CREATE TABLE merged_later (id INTEGER PRIMARY KEY)"));
        List<Migration> merged = new java.util.ArrayList<>(withoutThree);
        merged.add(2, three);

        try (StateStore store = StateStore.open(file, clock, merged)) {
            assertThat(store.schemaVersion())
                    .as("every migration applied, 3 included")
                    .isEqualTo(Migrations.ALL.get(Migrations.ALL.size() - 1).version());
            int tables = store.read(c -> {
                try (var s = c.createStatement();
                        var rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE name IN "
                                + "('digest_settings', 'digest_runs', 'digest_seen_documents', 'merged_later')")) {
                    return rs.getInt(1);
                }
            });
            assertThat(tables).isEqualTo(4);
        }
    }

    @Test
    void claim_oneRunPerGuildAndDay_replacingOnlyTheGivenStates() {
        try (StateStore store = StateStore.open(dir.resolve("citebot.db"), clock)) {
            DigestRuns runs = new DigestRuns(store);

            assertThat(runs.claim(run(State.SKIPPED, "n0"), Set.of())).isTrue();
            assertThat(runs.claim(run(State.SENDING, "n1"), Set.of())).isFalse();
            assertThat(runs.claim(run(State.SENDING, "n1"), EnumSet.of(State.SKIPPED)))
                    .isTrue();
            assertThat(runs.claim(run(State.SENDING, "n2"), EnumSet.of(State.SKIPPED)))
                    .isFalse();
            assertThat(runs.sending()).extracting(DigestRun::nonce).containsExactly(Optional.of("n1"));

            runs.markPosted("g1", DAY, "m9");
            DigestRun posted = runs.find("g1", DAY).orElseThrow();
            assertThat(posted.state()).isEqualTo(State.POSTED);
            assertThat(posted.messageId()).contains("m9");
            assertThat(posted.nonce()).contains("n1");
            assertThat(runs.sending()).isEmpty();
            assertThat(runs.passagesSince("g1", DAY.minusDays(29), DAY.plusDays(1)))
                    .containsExactly("d#0");
            assertThat(runs.passagesSince("g1", DAY.minusDays(29), DAY)).isEmpty();
        }
    }

    @Test
    void settingsAndSeenDocuments_surviveReopening() {
        Path file = dir.resolve("citebot.db");
        try (StateStore store = StateStore.open(file, clock)) {
            new DigestSettingsStore(store)
                    .save(new StoredDigestSettings(
                            "g1",
                            "c1",
                            LocalTime.of(8, 0),
                            ZoneId.of("Europe/Berlin"),
                            List.of("new", "passage"),
                            true,
                            Optional.of("paused"),
                            3));
            new DigestRuns(store).replaceSeenDocuments("g1", Map.of("a", "h1", "b", "h2"));
            new DigestRuns(store).replaceSeenDocuments("g1", Map.of("b", "h3"));
        }
        try (StateStore store = StateStore.open(file, clock)) {
            StoredDigestSettings settings =
                    new DigestSettingsStore(store).find("g1").orElseThrow();
            assertThat(settings.time()).isEqualTo(LocalTime.of(8, 0));
            assertThat(settings.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(settings.sections()).containsExactly("new", "passage");
            assertThat(settings.pausedNote()).contains("paused");
            assertThat(settings.consecutiveFailures()).isEqualTo(3);
            assertThat(new DigestRuns(store).seenDocuments("g1")).isEqualTo(Map.of("b", "h3"));
            assertThat(new DigestRuns(store).seenDocuments("g2")).isEmpty();
        }
    }
}
