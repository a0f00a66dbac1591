package org.citebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.citebot.command.CommandRequest;
import org.citebot.command.Invoker;
import org.citebot.config.CitebotConfig;
import org.citebot.config.ConfigLoader;
import org.citebot.reindex.ReindexRequest;
import org.citebot.search.CacheStatistics;
import org.citebot.search.SearchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a reindex swaps a new index in, the questions groups ask most are answered from the cache. */
class CacheWarmUpTest {

    @TempDir
    Path dir;

    @Test
    void reindex_thatChangesTheIndex_rerunsFrequentQueriesIntoTheNewGeneration() throws Exception {
        Path corpus = Files.createDirectory(dir.resolve("corpus"));
        try (Stream<Path> seeds = Files.list(Path.of(System.getProperty("citebot.seeds", "seeds")))) {
            for (Path seed : seeds.toList()) {
                Files.copy(seed, corpus.resolve(seed.getFileName()));
            }
        }
        CitebotConfig config = new ConfigLoader(
                        Map.of("CITEBOT_STATE_DB", dir.resolve("citebot.db").toString()))
                .load(Optional.empty(), false)
                .withCorpusDir(corpus)
                .withIndexDir(dir.resolve("index"));
        try (Citebot citebot = Citebot.start(config, Clock.systemUTC())) {
            Invoker member = new Invoker("u1", Optional.of("123456789012345678"), Optional.of("c"), false, List.of());
            for (int i = 0; i < 3; i++) {
                citebot.registry()
                        .command("search")
                        .orElseThrow()
                        .handle(new CommandRequest(
                                "search", Map.of("query", "HIMARS missiles"), member, Optional.empty()));
            }
            long generation = citebot.engine().index().metadata().generation();
            Files.writeString(
                    corpus.resolve("new.md"),
                    "---\ntitle: A new article\n---\n\n"
                            + "A new article about sanctions, shipping and the price of grain in the winter months, "
                            + "written so the index has something to add and the generation moves on.\n");

            citebot.reindex().reindex(ReindexRequest.cli(false), (phase, done, total) -> {});

            assertThat(citebot.engine().index().metadata().generation()).isGreaterThan(generation);
            assertThat(citebot.metrics().scrape())
                    .contains("citebot_reindex_runs_seconds_count{dryRun=\"false\",result=\"ok\"} 1");
            CacheStatistics before = citebot.cache().orElseThrow().statistics();
            citebot.search()
                    .search(SearchRequest.of("HIMARS missiles", config.search().results()));
            CacheStatistics after = citebot.cache().orElseThrow().statistics();
            assertThat(after.hits()).isEqualTo(before.hits() + 1);
            assertThat(after.misses()).isEqualTo(before.misses());
            assertThat(citebot.registry()
                            .command("sources")
                            .orElseThrow()
                            .handle(new CommandRequest("sources", Map.of(), member, Optional.empty()))
                            .cards()
                            .toString())
                    .contains("A new article");
        }
    }
}
