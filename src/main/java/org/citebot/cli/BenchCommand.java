package org.citebot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citebot.bench.BenchReport;
import org.citebot.bench.BenchReportWriter;
import org.citebot.bench.BenchSettings;
import org.citebot.bench.SpeedBenchmark;
import org.citebot.bench.SyntheticUnitVectors;
import org.citebot.config.ConfigKeys;
import org.citebot.config.ConfigLoader;
import org.citebot.eval.beir.BeirCollectionReader;
import org.citebot.eval.beir.CollectionFormatException;
import org.citebot.eval.beir.EvalDataDirectory;
import org.citebot.eval.beir.TestCollection;
import org.citebot.semantic.EmbeddingModels;
import org.citebot.semantic.ModelUnavailableException;
import org.citebot.semantic.PassageEmbedder;
import org.citebot.semantic.TextEmbedder;
import org.citebot.solr.SolrSettings;
import org.citebot.state.SqliteEmbeddingStore;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot bench}: the speed benchmark. Builds SciFact-derived corpora of the given sizes and
 * reports indexing, search latency, cache and memory figures for citebot beside bare Lucene and SQLite
 * FTS5, with SciFact nDCG@10 of citebot and FTS5, and, given a SolrCloud ({@code --solr-zk}, {@code
 * --solr-url} or the configured one with {@code --solr}), the same figures for citebot on Solr.
 * Prints a readable report or, with {@code --json}, exactly one JSON object. Needs no configuration
 * except for {@code --solr}; indexes go to {@code --work} or a temporary folder it deletes.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Measure indexing and search speed against bare Lucene and SQLite FTS5 on SciFact-derived corpora,"
                        + " and on SolrCloud when given one (--solr-zk, --solr-url or --solr). Exit 0 on success, 2"
                        + " on bad sizes, Solr options or missing evaluation data.")
final class BenchCommand implements Callable<Integer> {

    static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--passages",
            paramLabel = "N[,N...]",
            split = ",",
            defaultValue = "10k,100k,1M",
            description = "Corpus sizes in passages; k and M suffixes allowed (default: ${DEFAULT-VALUE}).")
    List<String> passages = new ArrayList<>();

    @Option(
            names = "--quick",
            description = "One round of everything with short budgets: checks that the benchmark runs"
                    + " (CI's smoke test); the figures carry little weight.")
    boolean quick;

    @Option(names = "--json", description = "Print exactly one JSON object.")
    boolean json;

    @Option(
            names = "--eval-dir",
            paramLabel = "DIR",
            description =
                    "The shared evaluation folder holding scifact/ (default: the nearest shared/eval above the working directory).")
    Path evalDir;

    @Option(
            names = "--hybrid-passages",
            paramLabel = "N",
            defaultValue = "10k",
            description = "Also measure citebot in hybrid mode at every size up to N passages, embedding them the first"
                    + " time (kept in WORK/embeddings.db for the next run); 0 for none (default: ${DEFAULT-VALUE}).")
    String hybridPassages = "10k";

    @Option(
            names = "--synthetic-vectors",
            description = "Fill the hybrid rows' vectors with deterministic synthetic unit vectors instead of"
                    + " the model's, to measure a large hybrid index's memory and time to ready without"
                    + " embedding it; the report labels them, and their latencies and ranking mean nothing.")
    boolean syntheticVectors;

    @Option(
            names = "--seeds",
            paramLabel = "DIR",
            description = "The seed corpus a first hybrid start is measured on (default: seeds, when it exists).")
    Path seeds;

    @Option(
            names = "--solr-zk",
            paramLabel = "HOST:PORT[,...][/CHROOT]",
            description = "Add Solr rows: citebot on the SolrCloud whose ZooKeeper is here, measured beside the"
                    + " embedded index on the same corpus and questions. The bench writes into aliases of its own"
                    + " (citebot-bench-<time>-<process>-n<passages>), never the bot's, and deletes them"
                    + " afterwards. Credentials from CITEBOT_SOLR_USER and CITEBOT_SOLR_PASSWORD.")
    @Nullable
    String solrZk;

    @Option(
            names = "--solr-url",
            paramLabel = "URL[,URL...]",
            split = ",",
            description = "Add Solr rows as --solr-zk does, reaching SolrCloud through these Solr URLs"
                    + " (http://host:8983/solr) where ZooKeeper is out of reach.")
    List<URI> solrUrls = new ArrayList<>();

    @Option(
            names = "--solr",
            description = "Add Solr rows on the SolrCloud the configuration names (search.solr.zkHosts or"
                    + " search.solr.urls, from --config or the environment), with its shards and replicas;"
                    + " --solr-zk and --solr-url override its address.")
    boolean solrConfigured;

    @Option(
            names = "--solr-shards",
            paramLabel = "N",
            description = "Shards of the bench's Solr collection (default: 1, or search.solr.shards with --solr).")
    @Nullable
    Integer solrShards;

    @Option(
            names = "--solr-replicas",
            paramLabel = "N",
            description = "Replicas of each shard (default: 1, or search.solr.replicas with --solr). One shard of"
                    + " one replica is one index, as the embedded rows measure.")
    @Nullable
    Integer solrReplicas;

    @ParentCommand
    @Nullable
    Main main;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Where to build the indexes; kept afterwards (default: a temporary folder, deleted).")
    Path work;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<SolrSettings> solr;
        try {
            solr = solrTarget();
        } catch (IllegalArgumentException e) {
            err.println("citebot: " + e.getMessage());
            return EXIT_USAGE;
        }
        List<Integer> sizes = new ArrayList<>();
        for (String value : passages) {
            Optional<Integer> size = parseSize(value);
            if (size.isEmpty()) {
                err.println("citebot: --passages takes positive counts such as 10000, 10k or 1M, not " + value);
                return EXIT_USAGE;
            }
            sizes.add(size.get());
        }
        Optional<Path> eval = evalDir != null ? Optional.of(evalDir) : EvalDataDirectory.locate(Path.of(""));
        if (eval.isEmpty()) {
            err.println("citebot: no shared/eval folder above the working directory; pass --eval-dir DIR");
            return EXIT_USAGE;
        }
        TestCollection scifact;
        try {
            scifact =
                    new BeirCollectionReader(new ObjectMapper()).read(eval.get().resolve("scifact"));
        } catch (CollectionFormatException e) {
            err.println("citebot: " + e.getMessage());
            return EXIT_USAGE;
        }
        Optional<Integer> hybridUpTo = hybridPassages.strip().equals("0") ? Optional.of(0) : parseSize(hybridPassages);
        if (hybridUpTo.isEmpty()) {
            err.println("citebot: --hybrid-passages takes a count such as 10000, 10k or 0, not " + hybridPassages);
            return EXIT_USAGE;
        }
        Path workDir = work != null ? work : Files.createTempDirectory("citebot-bench-");
        Files.createDirectories(workDir);
        Optional<TextEmbedder> model = Optional.empty();
        double loadMillis = 0;
        if (hybridUpTo.get() > 0 && syntheticVectors) {
            err.println("citebot: the hybrid rows use SYNTHETIC vectors: ready, heap and size only");
            model = Optional.of(new SyntheticUnitVectors());
        } else if (hybridUpTo.get() > 0) {
            long started = System.nanoTime();
            try {
                model = Optional.of(EmbeddingModels.load(
                        EmbeddingModels.BGE_SMALL_EN,
                        workDir.resolve("native"),
                        Runtime.getRuntime().availableProcessors()));
                loadMillis = (System.nanoTime() - started) / 1e6;
            } catch (ModelUnavailableException e) {
                err.println("citebot: no hybrid rows: the semantic model cannot run here (" + e.getMessage() + ")");
            }
        }
        Optional<Path> seedsDir = Optional.ofNullable(seeds)
                .or(() -> Optional.of(Path.of("seeds")))
                .filter(Files::isDirectory);
        try (SqliteEmbeddingStore vectors = SqliteEmbeddingStore.open(workDir.resolve("embeddings.db"))) {
            BenchReport report = new SpeedBenchmark(
                            scifact,
                            quick ? BenchSettings.quick() : BenchSettings.defaults(),
                            Clock.systemUTC(),
                            model.map(loaded -> new PassageEmbedder(loaded, vectors)),
                            hybridUpTo.get(),
                            seedsDir,
                            loadMillis,
                            solr)
                    .run(sizes, workDir);
            if (json) {
                out.println(new ObjectMapper()
                        .disable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(report));
            } else {
                new BenchReportWriter().writeText(report, out);
            }
            out.flush();
            return 0;
        } finally {
            model.ifPresent(TextEmbedder::close);
            if (work == null) {
                deleteRecursively(workDir);
            }
        }
    }

    /**
     * The SolrCloud of the Solr rows, or empty when no Solr option was given. The options are read as
     * the configuration keys they stand for ({@code search.solr.zkHosts}, {@code urls}, {@code shards},
     * {@code replicas}), so they are checked as the configuration is; the alias in the result is
     * unused, the bench makes its own.
     *
     * @throws IllegalArgumentException when the options do not fit together
     * @throws org.citebot.config.ConfigException when a value is not valid, naming it
     */
    Optional<SolrSettings> solrTarget() {
        boolean addressGiven = solrZk != null || !solrUrls.isEmpty();
        if (!solrConfigured && !addressGiven) {
            if (solrShards != null || solrReplicas != null) {
                throw new IllegalArgumentException(
                        "--solr-shards and --solr-replicas need --solr-zk, --solr-url or --solr");
            }
            return Optional.empty();
        }
        Map<String, String> keys = new HashMap<>();
        if (addressGiven) {
            keys.put(ConfigKeys.environmentVariable("search.solr.zkHosts"), solrZk != null ? solrZk : "");
            keys.put(
                    ConfigKeys.environmentVariable("search.solr.urls"),
                    String.join(",", solrUrls.stream().map(URI::toString).toList()));
        }
        // One shard of one replica unless told otherwise: one index, as the embedded rows measure.
        if (solrShards != null || !solrConfigured) {
            keys.put(
                    ConfigKeys.environmentVariable("search.solr.shards"),
                    String.valueOf(solrShards != null ? solrShards : 1));
        }
        if (solrReplicas != null || !solrConfigured) {
            keys.put(
                    ConfigKeys.environmentVariable("search.solr.replicas"),
                    String.valueOf(solrReplicas != null ? solrReplicas : 1));
        }
        SolrSettings settings;
        if (solrConfigured) {
            if (main == null) {
                throw new IllegalArgumentException("--solr reads the configuration, which this command was not given");
            }
            settings = main.config(keys).search().solr();
            if (!settings.configured()) {
                throw new IllegalArgumentException("--solr needs SolrCloud in the configuration: set"
                        + " search.solr.zkHosts or search.solr.urls (CITEBOT_SEARCH_SOLR_ZK_HOSTS,"
                        + " CITEBOT_SEARCH_SOLR_URLS), or pass --solr-zk");
            }
        } else {
            // Only the credentials come from the environment: no file, no other key, is read.
            Map<String, String> environment = main != null ? main.environment() : System.getenv();
            for (String credential : List.of(SolrSettings.USER_VARIABLE, SolrSettings.PASSWORD_VARIABLE)) {
                Optional.ofNullable(environment.get(credential)).ifPresent(value -> keys.put(credential, value));
            }
            settings = new ConfigLoader(keys)
                    .load(Optional.empty(), false)
                    .search()
                    .solr();
        }
        return Optional.of(settings);
    }

    /** {@code 10000}, {@code 10k} or {@code 1M}; empty when not a positive count that fits an int. */
    static Optional<Integer> parseSize(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        long multiplier = 1;
        if (text.endsWith("k")) {
            multiplier = 1_000;
            text = text.substring(0, text.length() - 1);
        } else if (text.endsWith("m")) {
            multiplier = 1_000_000;
            text = text.substring(0, text.length() - 1);
        }
        try {
            long size = Long.parseLong(text) * multiplier;
            return size > 0 && size <= Integer.MAX_VALUE ? Optional.of((int) size) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
