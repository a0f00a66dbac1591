package org.citebot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.PassageSplitter;
import org.citebot.eval.LabelledQuestion;
import org.citebot.eval.SeedQuestionEvaluation;
import org.citebot.eval.SeedQuestionEvaluation.SeedResult;
import org.citebot.eval.beir.AnseriniBm25Profile;
import org.citebot.eval.beir.BeirCollectionReader;
import org.citebot.eval.beir.CacmCollectionReader;
import org.citebot.eval.beir.CitebotProfile;
import org.citebot.eval.beir.CollectionFormatException;
import org.citebot.eval.beir.EvalReport;
import org.citebot.eval.beir.EvalReportWriter;
import org.citebot.eval.beir.PassageEngine;
import org.citebot.eval.beir.PrecomputedVectors;
import org.citebot.eval.beir.ProfileResult;
import org.citebot.eval.beir.ProfileRunner;
import org.citebot.eval.beir.RetrievalProfile;
import org.citebot.eval.beir.TestCollection;
import org.citebot.index.IndexSettings;
import org.citebot.search.SearchSettings;
import org.citebot.semantic.EmbeddingModels;
import org.citebot.semantic.ModelUnavailableException;
import org.citebot.semantic.PassageEmbedder;
import org.citebot.semantic.TextEmbedder;
import org.citebot.solr.SolrSettings;
import org.citebot.state.SqliteEmbeddingStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code citebot eval}: measures search quality on public test collections (BEIR SciFact, CACM)
 * against Anserini's published BM25 figures, and on citebot's own labelled seed questions. Prints a
 * readable report or, with {@code --json}, exactly one JSON object. Needs no configuration: every
 * index it builds lives in a temporary folder it deletes.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Measure search quality on BEIR/CACM test collections and the seed questions. "
                + "Exit 0 on success, 2 on a missing or malformed collection.")
final class EvalCommand implements Callable<Integer> {

    /** Exit code for bad input, the same as {@code Main}'s. */
    static final int EXIT_USAGE = 2;

    /** Which retrieval profiles to run; the constants are spelled as they are typed on the command line. */
    enum ProfileChoice {
        /** Anserini's published BM25 setup on bare Lucene: is the engine a faithful BM25? */
        anserini,
        /** citebot's own ranking as the bot uses it, lexical. */
        citebot,
        /** citebot's hybrid ranking: BM25F and the semantic model fused. */
        hybrid,
        /** All three of the above. */
        all,
        /** citebot's defaults and single-setting changes, 100 documents deep (nDCG@10, R@100, P@30). */
        sweep
    }

    static final int SWEEP_DEPTH = 100;

    /** Where the citebot profiles store and search a collection; spelled as typed. */
    enum BackendChoice {
        /** The embedded Lucene index in a temporary folder, as the published figures were measured. */
        embedded,
        /** The configured SolrCloud, in an alias of the evaluation's own ({@code citebot-eval-<collection>}). */
        solr
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--beir",
            paramLabel = "DIR",
            description =
                    "BEIR collection folder (corpus.jsonl, topics*.tsv, qrels*.txt), e.g. ../shared/eval/scifact.")
    Path beir;

    @Option(
            names = "--cacm",
            paramLabel = "DIR",
            description = "CACM folder (cacm.tar.gz, topics.cacm.txt, qrels.cacm.txt), e.g. ../shared/eval/cacm.")
    Path cacm;

    @Option(
            names = "--profile",
            paramLabel = "P",
            defaultValue = "citebot",
            description = "anserini, citebot (lexical), hybrid, all or sweep (default: ${DEFAULT-VALUE}).")
    ProfileChoice profile = ProfileChoice.citebot;

    @Option(
            names = "--seeds",
            paramLabel = "DIR",
            description = "Also score the labelled seed questions over this corpus folder.")
    Path seeds;

    @Option(names = "--json", description = "Print exactly one JSON object.")
    boolean json;

    @Option(
            names = "--backend",
            paramLabel = "B",
            defaultValue = "embedded",
            description = "Where the citebot profiles store and search the collection: embedded or solr (the"
                    + " configured search.solr.* SolrCloud, in the alias citebot-eval-<collection>, never the"
                    + " bot's; 100 documents deep). The anserini profile is bare Lucene either way"
                    + " (default: ${DEFAULT-VALUE}).")
    BackendChoice backend = BackendChoice.embedded;

    @Option(
            names = "--extraction",
            paramLabel = "DIR",
            description = "Score article extraction on this benchmark folder (ground-truth.json, html/, output/),"
                    + " e.g. ../shared/eval/article-extraction, beside the extractors whose outputs it ships.")
    Path extraction;

    @Option(
            names = "--feedback",
            description = "Turn members' Helpful / Not helpful votes (from the configured state database) into"
                    + " labelled questions and score the current index on them: success@k and unhelpful@k.")
    boolean feedback;

    @Option(names = "--k", description = "With --feedback: how many passages count as found (default 5).")
    int feedbackDepth = 5;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Option(names = "--per-page", description = "With --extraction: also list citebot's score on every page.")
    boolean perPage;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectMapper mapper = new ObjectMapper();
        if (feedback) {
            if (beir != null || cacm != null || seeds != null || extraction != null) {
                err.println("citebot: eval --feedback runs alone; run the other evaluations in another eval");
                return EXIT_USAGE;
            }
            if (feedbackDepth < 1 || feedbackDepth > 100) {
                err.println("citebot: --k must be between 1 and 100, got " + feedbackDepth);
                return EXIT_USAGE;
            }
            return FeedbackEval.run(main.config(), feedbackDepth, json, mapper, out, err);
        }
        if (extraction != null) {
            if (beir != null || cacm != null || seeds != null) {
                err.println("citebot: eval --extraction runs alone; run search quality in another eval");
                return EXIT_USAGE;
            }
            return ExtractionEval.run(extraction, json, perPage, mapper, out, err);
        }
        if (beir == null && cacm == null && seeds == null) {
            err.println("citebot: eval needs --beir DIR, --cacm DIR, --seeds DIR, --extraction DIR or --feedback");
            return EXIT_USAGE;
        }
        Optional<PassageEngine> engine = Optional.empty();
        if (backend == BackendChoice.solr) {
            if (seeds != null || profile == ProfileChoice.sweep) {
                err.println("citebot: eval --backend solr measures the citebot, hybrid and anserini profiles on"
                        + " --beir or --cacm; run --seeds and the sweep on the embedded index");
                return EXIT_USAGE;
            }
            SolrSettings solr = main.config().search().solr();
            if (!solr.configured()) {
                err.println("citebot: eval --backend solr needs SolrCloud: set search.solr.zkHosts or"
                        + " search.solr.urls (CITEBOT_SEARCH_SOLR_ZK_HOSTS, CITEBOT_SEARCH_SOLR_URLS)");
                return EXIT_USAGE;
            }
            engine = Optional.of(new SolrEvalEngine(solr, Clock.systemUTC()));
        }
        List<TestCollection> collections = new ArrayList<>();
        try {
            if (beir != null) {
                collections.add(new BeirCollectionReader(mapper).read(beir));
            }
            if (cacm != null) {
                collections.add(new CacmCollectionReader().read(cacm));
            }
        } catch (CollectionFormatException e) {
            err.println("citebot: " + e.getMessage());
            return EXIT_USAGE;
        }
        Clock clock = Clock.systemUTC();
        Path work = Files.createTempDirectory("citebot-eval-");
        Optional<TextEmbedder> model = Optional.empty();
        try (SqliteEmbeddingStore vectors = SqliteEmbeddingStore.open(work.resolve("embeddings.db"))) {
            if (profile == ProfileChoice.hybrid || profile == ProfileChoice.all || seeds != null) {
                model = loadModel(work, err);
                if (model.isPresent() && beir != null && profile != ProfileChoice.citebot) {
                    usePrecomputedVectors(beir, collections.get(0), model.get(), vectors, err);
                }
            }
            Optional<PassageEmbedder> embedder = model.map(loaded -> new PassageEmbedder(loaded, vectors));
            List<ProfileResult> results =
                    new ProfileRunner(work).runAll(collections, profiles(clock, embedder, engine));
            List<SeedResult> seedResults = new ArrayList<>();
            if (seeds != null) {
                // Lexical first, then hybrid where the model runs: the seeds show what meaning adds.
                List<Optional<PassageEmbedder>> modes = new ArrayList<>(List.of(Optional.empty()));
                embedder.ifPresent(e -> modes.add(Optional.of(e)));
                for (Optional<PassageEmbedder> mode : modes) {
                    SeedQuestionEvaluation evaluation = new SeedQuestionEvaluation(
                            new CorpusReader(CorpusOptions.defaults()),
                            new PassageSplitter(),
                            IndexSettings.defaults(),
                            SearchSettings.defaults(),
                            clock,
                            mode);
                    seedResults.add(evaluation.measure(
                            seeds, Files.createTempDirectory(work, "seeds-"), LabelledQuestion.seedQuestions()));
                }
            }
            EvalReport report = new EvalReport(results, seedResults);
            EvalReportWriter writer = new EvalReportWriter(mapper);
            if (json) {
                out.println(writer.toJson(report));
            } else {
                writer.writeText(report, out);
            }
            out.flush();
            return 0;
        } catch (NoSuchFileException e) {
            err.println("citebot: seeds folder not found: " + e.getFile());
            return EXIT_USAGE;
        } finally {
            model.ifPresent(TextEmbedder::close);
            deleteRecursively(work);
        }
    }

    /**
     * The chosen profiles; with another {@code engine} than the embedded index, citebot's profiles
     * store and search there, {@link CitebotProfile#HYBRID_DEPTH} documents deep (each page a round
     * trip to the engine; nDCG@10 and R@100 need no more).
     */
    private List<RetrievalProfile> profiles(
            Clock clock, Optional<PassageEmbedder> embedder, Optional<PassageEngine> engine) {
        List<RetrievalProfile> hybrid = embedder.<List<RetrievalProfile>>map(
                        e -> List.of(onEngine(CitebotProfile.hybrid(clock, e), engine)))
                .orElse(List.of());
        RetrievalProfile lexical = onEngine(CitebotProfile.defaults(clock), engine);
        return switch (profile) {
            case anserini -> List.of(new AnseriniBm25Profile());
            case citebot -> List.of(lexical);
            case hybrid -> hybrid;
            case all -> {
                List<RetrievalProfile> all = new ArrayList<>(List.of(new AnseriniBm25Profile(), lexical));
                all.addAll(hybrid);
                yield all;
            }
            case sweep -> List.copyOf(CitebotProfile.settingsSweep(clock, SWEEP_DEPTH));
        };
    }

    private static CitebotProfile onEngine(CitebotProfile profile, Optional<PassageEngine> engine) {
        return engine.map(other -> profile.on(other).withDepth(CitebotProfile.HYBRID_DEPTH))
                .orElse(profile);
    }

    /** The semantic model, or empty with the reason on standard error when it cannot run here. */
    private static Optional<TextEmbedder> loadModel(Path work, PrintWriter err) {
        try {
            return Optional.of(EmbeddingModels.load(
                    EmbeddingModels.BGE_SMALL_EN,
                    work.resolve("native"),
                    Runtime.getRuntime().availableProcessors()));
        } catch (ModelUnavailableException e) {
            err.println("citebot: no hybrid rows: the semantic model cannot run here (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /**
     * Fills the embedding cache with the collection's precomputed vectors when the collection ships
     * them and a few re-embedded rows agree; otherwise the hybrid run embeds every document itself.
     */
    private static void usePrecomputedVectors(
            Path collectionDir,
            TestCollection collection,
            TextEmbedder model,
            SqliteEmbeddingStore store,
            PrintWriter err)
            throws IOException {
        Optional<String> folder = PrecomputedVectors.folderFor(model);
        if (folder.isEmpty()) {
            return;
        }
        Optional<PrecomputedVectors> found;
        try {
            found = PrecomputedVectors.find(collectionDir, folder.get(), model.dimension());
        } catch (CollectionFormatException e) {
            err.println("citebot: precomputed vectors ignored: " + e.getMessage());
            return;
        }
        if (found.isEmpty()) {
            err.println("citebot: no precomputed vectors for " + collection.name() + "; embedding "
                    + collection.documents().size() + " documents (slow)");
            return;
        }
        Optional<String> disagreement = found.get().disagreement(collection, model);
        if (disagreement.isPresent()) {
            err.println("citebot: precomputed vectors refused, embedding instead: " + disagreement.get());
            return;
        }
        int saved = found.get().saveInto(store, collection, model);
        err.println("citebot: " + saved + " precomputed vectors of " + collection.name() + " checked against "
                + model.modelId() + " and used");
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
