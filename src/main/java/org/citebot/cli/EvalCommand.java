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
import org.citebot.eval.beir.ProfileResult;
import org.citebot.eval.beir.ProfileRunner;
import org.citebot.eval.beir.RetrievalProfile;
import org.citebot.eval.beir.TestCollection;
import org.citebot.index.IndexSettings;
import org.citebot.search.SearchSettings;
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
        /** citebot's own ranking as the bot uses it. */
        citebot,
        /** Both of the above. */
        all,
        /** citebot's defaults and single-setting changes, 100 documents deep (nDCG@10, R@100, P@30). */
        sweep
    }

    static final int SWEEP_DEPTH = 100;

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
            description = "anserini, citebot, all or sweep (default: ${DEFAULT-VALUE}).")
    ProfileChoice profile = ProfileChoice.citebot;

    @Option(
            names = "--seeds",
            paramLabel = "DIR",
            description = "Also score the labelled seed questions over this corpus folder.")
    Path seeds;

    @Option(names = "--json", description = "Print exactly one JSON object.")
    boolean json;

    @Option(
            names = "--extraction",
            paramLabel = "DIR",
            description = "Score article extraction on this benchmark folder (ground-truth.json, html/, output/),"
                    + " e.g. ../shared/eval/article-extraction, beside the extractors whose outputs it ships.")
    Path extraction;

    @Option(names = "--per-page", description = "With --extraction: also list citebot's score on every page.")
    boolean perPage;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectMapper mapper = new ObjectMapper();
        if (extraction != null) {
            if (beir != null || cacm != null || seeds != null) {
                err.println("citebot: eval --extraction runs alone; run search quality in another eval");
                return EXIT_USAGE;
            }
            return ExtractionEval.run(extraction, json, perPage, mapper, out, err);
        }
        if (beir == null && cacm == null && seeds == null) {
            err.println("citebot: eval needs --beir DIR, --cacm DIR, --seeds DIR or --extraction DIR");
            return EXIT_USAGE;
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
        try {
            List<ProfileResult> results = new ProfileRunner(work).runAll(collections, profiles(clock));
            Optional<SeedResult> seedResult = Optional.empty();
            if (seeds != null) {
                SeedQuestionEvaluation evaluation = new SeedQuestionEvaluation(
                        new CorpusReader(CorpusOptions.defaults()),
                        new PassageSplitter(),
                        IndexSettings.defaults(),
                        SearchSettings.defaults(),
                        clock);
                seedResult = Optional.of(evaluation.measure(
                        seeds, Files.createTempDirectory(work, "seeds-"), LabelledQuestion.seedQuestions()));
            }
            EvalReport report = new EvalReport(results, seedResult);
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
            deleteRecursively(work);
        }
    }

    private List<RetrievalProfile> profiles(Clock clock) {
        return switch (profile) {
            case anserini -> List.of(new AnseriniBm25Profile());
            case citebot -> List.of(CitebotProfile.defaults(clock));
            case all -> List.of(new AnseriniBm25Profile(), CitebotProfile.defaults(clock));
            case sweep -> List.copyOf(CitebotProfile.settingsSweep(clock, SWEEP_DEPTH));
        };
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
