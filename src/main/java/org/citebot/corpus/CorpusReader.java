package org.citebot.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a corpus directory into a {@link CorpusSnapshot}: every file below it, in path order, read by
 * the reader for its extension, cleaned into paragraphs and described by the manifest
 * ({@code sources.yaml}). A file that cannot be read is skipped with a one-line reason; one bad file
 * never stops the run. The app calls this at startup and on reindex.
 */
public final class CorpusReader {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusReader.class);

    private final CorpusOptions options;
    private final Map<String, FormatReader> readers;
    private final DocumentBuilder builder;

    public CorpusReader(CorpusOptions options) {
        this(options, defaultReaders(), new DocumentBuilder(new MetadataSniffer(), new TextCleaner()));
    }

    CorpusReader(CorpusOptions options, Map<String, FormatReader> readers, DocumentBuilder builder) {
        this.options = options;
        this.readers = Map.copyOf(readers);
        this.builder = builder;
    }

    private static Map<String, FormatReader> defaultReaders() {
        HtmlReader html = new HtmlReader();
        MarkdownReader markdown = new MarkdownReader();
        return Map.of(
                "txt",
                new PlainTextReader(),
                "md",
                markdown,
                "markdown",
                markdown,
                "html",
                html,
                "htm",
                html,
                "pdf",
                new PdfReader());
    }

    /**
     * Reads every document below {@code corpusDir}. Hidden files and directories and the manifest
     * itself are not documents and are passed over silently.
     *
     * @throws ManifestException when {@code sources.yaml} exists but is malformed
     * @throws UncheckedIOException when the directory itself cannot be listed
     */
    public CorpusSnapshot read(Path corpusDir) {
        return read(corpusDir, (done, total) -> {});
    }

    /**
     * Like {@link #read(Path)}, telling {@code progress} how many files are done, so a long reindex
     * can show where it is.
     */
    public CorpusSnapshot read(Path corpusDir, Progress progress) {
        long started = System.nanoTime();
        Manifest manifest = Manifest.loadFrom(corpusDir);
        List<String> files = listFiles(corpusDir);
        warnAboutMissingEntries(manifest, files);
        Map<String, Long> stemCounts =
                files.stream().collect(Collectors.groupingBy(CorpusReader::stem, Collectors.counting()));

        List<SourceDocument> documents = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        progress.filesRead(0, files.size());
        for (String path : files) {
            String id = stemCounts.get(stem(path)) > 1 ? path : stem(path);
            try {
                SourceDocument document = readOne(corpusDir, path, id, manifest.entry(path));
                LOG.debug(
                        "Read {} as '{}': {} paragraphs",
                        path,
                        document.id(),
                        document.paragraphs().size());
                documents.add(document);
            } catch (UnreadableFileException e) {
                skip(skipped, path, e.getMessage());
            } catch (IOException e) {
                skip(skipped, path, "cannot read file: " + oneLine(String.valueOf(e.getMessage())));
            } catch (RuntimeException e) {
                // Parsers throw all sorts of unchecked exceptions on hostile input; one file must not stop the run.
                String message = oneLine(String.valueOf(e.getMessage()));
                skip(skipped, path, "reader failed: " + e.getClass().getSimpleName() + ": " + message);
            }
            progress.filesRead(documents.size() + skipped.size(), files.size());
        }
        LOG.info(
                "Corpus {} read: {} documents, {} skipped in {} ms",
                corpusDir,
                documents.size(),
                skipped.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new CorpusSnapshot(documents, skipped);
    }

    /** Hears how many of the corpus files have been read (or skipped), on the reading thread. */
    @FunctionalInterface
    public interface Progress {
        void filesRead(int done, int total);
    }

    private SourceDocument readOne(Path corpusDir, String path, String id, Optional<ManifestEntry> entry)
            throws IOException, UnreadableFileException {
        String extension = extension(path);
        FormatReader reader = readers.get(extension);
        if (reader == null) {
            throw new UnreadableFileException(
                    extension.isEmpty()
                            ? "unsupported file type (no extension)"
                            : "unsupported file type '." + extension + "'");
        }
        Path file = corpusDir.resolve(path);
        long size = Files.size(file);
        if (size > options.maxFileBytes()) {
            throw new UnreadableFileException(
                    "too large: " + size + " bytes, limit is " + options.maxFileBytes() + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            throw new UnreadableFileException("empty file");
        }
        if (onlyWhitespace(bytes)) {
            throw new UnreadableFileException("file contains only whitespace");
        }
        ExtractedText extracted = reader.read(bytes);
        return builder.build(id, path, sha256(bytes), extracted, entry);
    }

    private static void skip(List<SkippedFile> skipped, String path, String reason) {
        LOG.warn("Skipping {}: {}", path, reason);
        skipped.add(new SkippedFile(path, reason));
    }

    private static List<String> listFiles(Path corpusDir) {
        try (Stream<Path> walk = Files.walk(corpusDir)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> corpusDir.relativize(file))
                    .filter(relative -> !isHidden(relative))
                    .map(relative ->
                            relative.toString().replace(relative.getFileSystem().getSeparator(), "/"))
                    .filter(path -> !path.equals(Manifest.FILE_NAME))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list corpus directory " + corpusDir, e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static void warnAboutMissingEntries(Manifest manifest, List<String> files) {
        Set<String> present = Set.copyOf(files);
        manifest.entries().keySet().stream()
                .filter(file -> !present.contains(file))
                .sorted()
                .forEach(file -> LOG.warn("{} describes '{}', which is not in the corpus", Manifest.FILE_NAME, file));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String stem(String path) {
        String name = fileName(path);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String extension(String path) {
        String name = fileName(path);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static boolean onlyWhitespace(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s+", " ").strip();
    }
}
