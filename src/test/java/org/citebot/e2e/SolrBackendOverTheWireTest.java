package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citebot.e2e.WireChecks.timeToCallback;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.citebot.cli.CliRunner;
import org.citebot.digest.DigestCorpus;
import org.citebot.digest.IndexDigestCorpus;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.index.CorpusVocabulary;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.index.TestCorpus;
import org.citebot.index.TestCorpus.Para;
import org.citebot.ops.OpsServer;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentOrigin;
import org.citebot.passages.IndexProgress;
import org.citebot.passages.IndexedDocument;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.passages.StoredPassage;
import org.citebot.solr.SolrConfigset;
import org.citebot.solr.SolrConnection;
import org.citebot.solr.SolrCorpusReads;
import org.citebot.solr.SolrPassages;
import org.citebot.state.SqlCorpusGenerations;
import org.citebot.state.StateStore;
import org.citebot.testing.LogCapture;
import org.citebot.testing.SolrCloudCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * citebot on SolrCloud ({@code search.backend: solr}) as a member and an operator see it: the real
 * app and the real JDA client against the fake Discord, its passages in a real SolrCloud in the JVM
 * (2 nodes, embedded ZooKeeper, 127.0.0.1 only) in a collection of 2 shards x 2 replicas that the
 * bot builds from the seed corpus at its first start. One cluster serves the whole class, in order:
 * {@code /search} over the wire, the command line beside the running bot, another process's change
 * reaching {@code /sources}, autocomplete's and the digest's reads against the embedded index's,
 * then a start with Solr down, which answers with the notice and {@code /readyz} 503 until Solr
 * returns and the bot recovers by itself.
 *
 * <p>Cost on the 2-core development machine: 25-46 s for the class at load 2-5 (the cluster's start
 * 3.5-6.5 s, the bot's first start with the build of its collection 9 s, the start with Solr down and
 * the recovery 13-15 s); 64 s in one run on a busier machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SolrBackendOverTheWireTest {

    private static final Logger log = LoggerFactory.getLogger(SolrBackendOverTheWireTest.class);
    private static final Duration DISCORD_DEADLINE = Duration.ofSeconds(3);
    private static final Duration SOLR_WAIT = Duration.ofSeconds(60);
    private static final String NOTICE = StoreUnavailableException.NOTICE;
    private static final String FOLLOW_FAILED = "Could not bring the index up to the cluster's corpus generation";

    private final HttpClient http = HttpClient.newHttpClient();
    private long classStarted;
    private Path data;
    private LogCapture logs;
    private SolrCloudCluster cluster;
    private FakeDiscord discord;
    private CitebotOnFakeDiscord citebot;
    private OpsServer ops;

    @BeforeAll
    void start(@TempDir Path folder) throws Exception {
        classStarted = System.nanoTime();
        data = folder;
        logs = LogCapture.attach();
        cluster = SolrCloudCluster.start(folder.resolve("solr"), 2);
        log.info("SolrCloud of 2 nodes started in {} ms", cluster.startup().toMillis());
        discord = FakeDiscord.start();
        long starting = System.nanoTime();
        startBot("citebot");
        log.info("citebot on Solr started (collection built) in {} ms", (System.nanoTime() - starting) / 1_000_000);
    }

    @AfterEach
    void everythingSentSoFarPingsNoOneAndFitsDiscord() {
        WireChecks.assertNothingCouldPing(discord);
        WireChecks.assertNothingRefused(discord, request -> false);
        WireChecks.assertTokenInNoBody(discord);
    }

    @AfterAll
    void stop() throws IOException {
        try {
            stopBot();
        } finally {
            try {
                if (discord != null) {
                    discord.close();
                }
            } finally {
                try {
                    if (cluster != null) {
                        cluster.close();
                    }
                } finally {
                    logs.close();
                    log.info("SolrBackendOverTheWireTest took {} ms", (System.nanoTime() - classStarted) / 1_000_000);
                }
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName(
            "/search on a fresh SolrCloud: the bot built the collection at start and answers in time, citing the passage")
    void search_onSolr_answeredInTimeWithTheCitedPassage() throws Exception {
        assertThat(citebot.citebot().backend().store().metadata().documents())
                .as("the seed corpus, built into Solr at start")
                .isGreaterThan(0);
        assertThat(get(readyz()).statusCode()).isEqualTo(200);

        Instant dispatched = Instant.now();
        InteractionHandle search =
                discord.slash("search", Map.of("query", "HIMARS")).as(discord.alice());

        assertThat(timeToCallback(discord, search, dispatched)).isLessThan(DISCORD_DEADLINE);
        JsonNode answer = search.awaitResponseMessage(m -> m.path("embeds").size() > 0, Duration.ofSeconds(20));
        assertThat(answer.path("content").asText()).contains("HIMARS");
        assertThat(answer.path("embeds").get(0).path("description").asText()).contains("**HIMARS**");
        assertThat(answer.path("embeds").get(0).path("url").asText()).startsWith("https://revcom.us/");
    }

    @Test
    @Order(2)
    @DisplayName("citebot search --json and citebot index run on the same SolrCloud beside the running bot")
    void commandLine_searchJsonAndIndex_besideTheBot() throws Exception {
        Run search = cli("search", "--json", "--limit", "2", "HIMARS");

        assertThat(search.exit()).as(search.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(search.out());
        assertThat(json.path("query").asText()).isEqualTo("HIMARS");
        assertThat(json.path("results")).isNotEmpty();
        assertThat(json.path("results").get(0).path("snippet").asText()).contains("**HIMARS**");
        assertThat(json.path("results").get(0).path("url").asText()).startsWith("https://revcom.us/");

        long generation = citebot.citebot().backend().store().metadata().generation();
        Run index = cli("index");

        assertThat(index.exit()).as(index.err()).isZero();
        assertThat(index.out())
                .startsWith("Indexed " + CitebotOnFakeDiscord.seeds() + " into Solr alias citebot (ZooKeeper at "
                        + cluster.zkHost() + ")")
                .contains("0 added, 0 changed")
                .contains("0 removed");
        assertThat(citebot.citebot().backend().store().metadata().generation())
                .as("an unchanged corpus changes nothing in Solr")
                .isEqualTo(generation);
    }

    @Test
    @Order(3)
    @DisplayName("A document another process writes into the shared collection is listed by /sources within"
            + " seconds, with no reindex in this one")
    void anotherProcessesChange_listedBySources_withoutAReindexHere() throws Exception {
        IndexedDocument treaties = TestCorpus.treaties();
        String title = treaties.document().metadata().title();
        assertThat(sourcesList()).doesNotContain(title);
        ScheduledExecutorService polls = Executors.newSingleThreadScheduledExecutor();
        try (SolrConnection connection = SolrConnection.open(cluster.settings("citebot", 2, 2));
                SolrPassages shared = passages(connection, polls)) {
            assertThat(shared.tryPatch(List.of(treaties), List.of())).isPresent();
        } finally {
            polls.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(sourcesList()).contains(title));
    }

    /** The passages behind the connection's alias, as another citebot process opens them (no vectors). */
    private static SolrPassages passages(SolrConnection connection, ScheduledExecutorService polls) {
        return SolrPassages.open(
                connection,
                SolrConfigset.bundled(),
                IndexSettings.defaults(),
                Clock.systemUTC(),
                Optional.empty(),
                polls);
    }

    private String sourcesList() {
        return discord.slash("sources")
                .subcommand("list", Map.of())
                .as(discord.alice())
                .awaitResponseMessage()
                .toString();
    }

    @Test
    @Order(4)
    @DisplayName("Autocomplete's section headings and the digest's reads come from Solr as from the embedded index,"
            + " never showing one server's article to another")
    void sectionsAndDigestReads_asTheEmbeddedIndexGivesThem(@TempDir Path embedded) throws Exception {
        IndexedDocument treaties = TestCorpus.treaties();
        IndexedDocument added = TestCorpus.document(
                "url_b2c4",
                TestCorpus.metadata("Grain shipments resume", null, "Example News", "2026-07-01", null),
                Para.under("Only in server 111", "Ships loaded with grain left Odesa again on Tuesday."));
        List<IndexedDocument> documents = List.of(
                TestCorpus.summit(),
                TestCorpus.escalation(),
                treaties,
                TestCorpus.grain(),
                new IndexedDocument(added.document(), added.passages(), DocumentOrigin.added(Optional.of("111"))));
        Function<String, Audience> audiences = guild -> Audience.in(Optional.of(guild));
        ScheduledExecutorService polls = Executors.newSingleThreadScheduledExecutor();
        try (PassageIndex index = PassageIndex.open(embedded, IndexSettings.defaults(), Clock.systemUTC());
                SolrConnection connection = SolrConnection.open(cluster.settings("parity", 2, 2));
                SolrPassages solr = passages(connection, polls)) {
            index.update(documents, IndexProgress.NONE);
            solr.update(documents, IndexProgress.NONE);
            SolrCorpusReads reads = new SolrCorpusReads(connection);
            DigestCorpus fromIndex = new IndexDigestCorpus(() -> index, audiences);
            DigestCorpus fromSolr = new IndexDigestCorpus(reads, audiences);

            assertThat(reads.sharedSections())
                    .isEqualTo(CorpusVocabulary.read(index).sections())
                    .contains("Verification")
                    .doesNotContain("Only in server 111");
            for (DigestCorpus[] pair : List.of(
                    new DigestCorpus[] {fromIndex, fromSolr},
                    new DigestCorpus[] {fromIndex.forServer("111"), fromSolr.forServer("111")},
                    new DigestCorpus[] {fromIndex.forServer("222"), fromSolr.forServer("222")})) {
                assertThat(pair[1].contentHashes()).isEqualTo(pair[0].contentHashes());
                assertThat(ids(pair[1].passageSample("all", 1_000)))
                        .isEqualTo(ids(pair[0].passageSample("all", 1_000)));
            }
            assertThat(fromSolr.forServer("222").contentHashes()).doesNotContainKey("url_b2c4");
            assertThat(fromSolr.forServer("111").contentHashes()).containsKey("url_b2c4");
            List<String> ids = List.of(TestCorpus.TREATIES_ID, "url_b2c4", "no_such_document");
            assertThat(fromSolr.metadata(ids))
                    .isEqualTo(fromIndex.metadata(ids))
                    .hasSize(2);
            assertThat(fromSolr.opening(TestCorpus.TREATIES_ID))
                    .isEqualTo(fromIndex.opening(TestCorpus.TREATIES_ID))
                    .isEqualTo(treaties.passages().get(0).text());

            DigestCorpus server222 = fromSolr.forServer("222");
            Set<String> sample = ids(server222.passageSample("222|2026-12-07", 3));
            assertThat(sample)
                    .as("a sample of the size asked for, the same for the same seed, and none of server 111's")
                    .hasSize(3)
                    .isEqualTo(ids(server222.passageSample("222|2026-12-07", 3)))
                    .noneMatch(id -> id.startsWith("url_b2c4#"));
        } finally {
            polls.shutdownNow();
        }
    }

    private static Set<String> ids(List<StoredPassage> passages) {
        return passages.stream().map(p -> p.passage().id()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    @Order(5)
    @DisplayName("Solr down as the bot starts: it starts, tells members search is unavailable, /readyz 503 with the"
            + " reason; when Solr returns it builds its collection and answers, with no restart")
    void startWithSolrDown_noticeAndNotReady_thenRecoversByItself() throws Exception {
        stopBot();
        cluster.stopNode(0);
        cluster.stopNode(1);

        // A collection no one built yet: the bot must build it once Solr is back.
        startBot("afterOutage");

        HttpResponse<String> down = get(readyz());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body())
                .startsWith("not ready\nsearch: ")
                .contains(cluster.zkHost())
                .doesNotContain("\tat ");
        InteractionHandle refused =
                discord.slash("search", Map.of("query", "HIMARS")).as(discord.alice());
        JsonNode notice =
                refused.awaitResponseMessage(m -> m.path("content").asText().contains(NOTICE), Duration.ofSeconds(20));
        assertThat(notice.path("embeds")).isEmpty();
        // Another process's reindex, published meanwhile: following it must wait for Solr, not warn every second.
        publishCorpusGeneration();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> logs.lines(Level.WARN).stream()
                .noneMatch(line -> line.startsWith(FOLLOW_FAILED)));

        long restarting = System.nanoTime();
        cluster.restartNode(0);
        cluster.restartNode(1);
        await().atMost(SOLR_WAIT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get(readyz()).statusCode() == 200);
        log.info("/readyz passed {} ms after the nodes began to restart", (System.nanoTime() - restarting) / 1_000_000);

        InteractionHandle answered =
                discord.slash("search", Map.of("query", "HIMARS")).as(discord.alice());
        JsonNode answer = answered.awaitResponseMessage(m -> m.path("embeds").size() > 0, Duration.ofSeconds(20));
        assertThat(answer.path("embeds").get(0).path("description").asText()).contains("**HIMARS**");
        assertThat(citebot.citebot().backend().store().metadata().documents())
                .as("the collection built once Solr returned")
                .isGreaterThan(0);
        await().atMost(SOLR_WAIT).until(() -> logs.lines(Level.INFO).stream()
                .anyMatch(line -> line.startsWith("Index brought up to the cluster's corpus generation")));
        assertThat(logs.lines(Level.WARN)).noneMatch(line -> line.startsWith(FOLLOW_FAILED));
        assertThat(logs.lines(Level.ERROR))
                .as("an outage is no failure someone must act on")
                .noneMatch(line -> line.startsWith("Building the passages failed"));
    }

    /** Moves the corpus generation on in the state database the bot shares, as another process's reindex does. */
    private void publishCorpusGeneration() {
        try (StateStore state = StateStore.open(data.resolve("citebot.db"), Clock.systemUTC())) {
            new SqlCorpusGenerations(state).publish();
        }
    }

    /** Starts citebot on the alias {@code collection} and its ops endpoint on a free port. */
    private void startBot(String collection) throws IOException {
        Map<String, String> solr = new LinkedHashMap<>();
        solr.put("CITEBOT_SEARCH_BACKEND", "solr");
        solr.put("CITEBOT_SEARCH_SOLR_ZK_HOSTS", cluster.zkHost());
        solr.put("CITEBOT_SEARCH_SOLR_COLLECTION", collection);
        solr.put("CITEBOT_SEARCH_SOLR_SHARDS", "2");
        solr.put("CITEBOT_SEARCH_SOLR_REPLICAS", "2");
        solr.put("CITEBOT_SEARCH_MODE", "lexical");
        solr.put("CITEBOT_RATE_LIMIT_SEARCHES", "1000");
        citebot = CitebotOnFakeDiscord.start(discord, data, solr);
        ops = OpsServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                citebot.citebot().metrics(),
                citebot.citebot().readinessChecks());
    }

    private void stopBot() {
        try {
            if (ops != null) {
                ops.close();
            }
        } finally {
            ops = null;
            if (citebot != null) {
                citebot.close();
                citebot = null;
            }
        }
    }

    private record Run(int exit, String out, String err) {}

    /** Runs {@code citebot ARGS} in this JVM with the bot's environment, as an operator would beside it. */
    private Run cli(String... args) {
        Map<String, String> environment = CitebotOnFakeDiscord.environment(
                discord,
                data,
                Map.of(
                        "CITEBOT_SEARCH_BACKEND", "solr",
                        "CITEBOT_SEARCH_SOLR_ZK_HOSTS", cluster.zkHost(),
                        "CITEBOT_SEARCH_SOLR_COLLECTION", "citebot",
                        "CITEBOT_SEARCH_MODE", "lexical"));
        CliRunner runner = new CliRunner();
        int exit = runner.run(environment, args);
        return new Run(exit, runner.out(), runner.err());
    }

    private URI readyz() {
        return URI.create("http://127.0.0.1:" + ops.address().getPort() + "/readyz");
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
