package org.citebot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.citebot.eval.beir.CollectionFormatException;
import org.citebot.eval.extraction.ExtractionEvaluation;
import org.citebot.eval.extraction.ExtractionReport;
import org.citebot.extract.ArticleExtractor;

/** The {@code --extraction} half of {@code citebot eval}: article extraction on the public benchmark. */
final class ExtractionEval {

    private ExtractionEval() {}

    static int run(Path dir, boolean json, boolean perPage, ObjectMapper mapper, PrintWriter out, PrintWriter err) {
        ExtractionReport report;
        try {
            report = new ExtractionEvaluation(new ArticleExtractor(), mapper).measure(dir);
        } catch (CollectionFormatException e) {
            err.println("citebot: " + e.getMessage());
            return EvalCommand.EXIT_USAGE;
        }
        if (json) {
            out.println(report.toJson(mapper));
        } else {
            report.writeText(out, perPage);
        }
        out.flush();
        return 0;
    }
}
