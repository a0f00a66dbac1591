package org.citebot.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.CorpusSnapshot;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Paragraph;
import org.citebot.corpus.SourceDocument;
import org.citebot.extract.ArticleMetadata;
import org.citebot.extract.ExtractedArticle;
import org.citebot.extract.PageShape;

/**
 * Reads a fetched PDF with the corpus's own PDF reading, so an added PDF reads exactly as the same
 * file would in the corpus folder. The corpus exposes that reading only through {@link CorpusReader}
 * over a folder, so the PDF passes through a private temporary folder that is deleted afterwards.
 */
final class PdfArticleReader {

    private static final String FILE_STEM = "document";

    ExtractedArticle read(byte[] pdf) throws SourceRefusedException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("citebot-pdf-");
            Files.write(dir.resolve(FILE_STEM + ".pdf"), pdf);
            CorpusSnapshot snapshot = new CorpusReader(new CorpusOptions(Math.max(1, pdf.length))).read(dir);
            if (snapshot.documents().isEmpty()) {
                String reason = snapshot.skipped().isEmpty()
                        ? "no text"
                        : snapshot.skipped().get(0).reason();
                throw new SourceRefusedException("the PDF could not be read: " + reason);
            }
            SourceDocument document = snapshot.documents().get(0);
            List<String> paragraphs =
                    document.paragraphs().stream().map(Paragraph::text).toList();
            int words = PageShape.countWords(String.join("\n\n", paragraphs));
            return new ExtractedArticle(
                    paragraphs, Set.of(), metadata(document.metadata()), new PageShape(words, 0, 0, 0, true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use a temporary folder for a PDF", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static ArticleMetadata metadata(DocumentMetadata metadata) {
        // A PDF without a title is named after its file, which here is only the temporary name.
        Optional<String> title = Optional.of(metadata.title()).filter(t -> !t.equals(FILE_STEM));
        return new ArticleMetadata(
                title,
                metadata.author(),
                metadata.published(),
                metadata.publisher(),
                metadata.url(),
                Optional.of(metadata.language()));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
