package org.citebot.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a corpus folder: {@link #list} finds the document files (and refuses links leading outside
 * the folder, link loops, dangling links and special files), {@link #read(CorpusFile, Optional)}
 * turns one file into a cleaned {@link SourceDocument} with the reader for its extension and the
 * manifest ({@code sources.yaml}). A file that cannot be read is skipped with a one-line reason; one
 * bad file never stops the run. The indexer reads file by file, so memory holds one document at a
 * time; {@link #read(Path)} reads everything at once for tests and small tools.
 */
public final class CorpusReader {

    /**
     * Bump whenever reading, cleaning or splitting would make a different document or different
     * passages from the same file: unchanged files are otherwise passed over without being read, so
     * the index would keep what the old code made of them.
     */
    public static final int EXTRACTION_VERSION = 3;

    private static final Logger LOG = LoggerFactory.getLogger(CorpusReader.class);

    private final CorpusOptions options;
    private final Map<String, FormatReader> readers;
    private final DocumentBuilder builder;

    public CorpusReader(CorpusOptions options) {
        this(options, defaultReaders(options), new DocumentBuilder(new MetadataSniffer(), new TextCleaner()));
    }

    CorpusReader(CorpusOptions options, Map<String, FormatReader> readers, DocumentBuilder builder) {
        this.options = options;
        this.readers = Map.copyOf(readers);
        this.builder = builder;
    }

    private static Map<String, FormatReader> defaultReaders(CorpusOptions options) {
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
                new PdfReader(options.maxFileBytes()));
    }

    /** The limits this reader applies. */
    public CorpusOptions options() {
        return options;
    }

    /**
     * Finds the document files below {@code corpusDir} and gives each its id. Hidden files and
     * folders and the manifest itself are not documents and are passed over silently.
     *
     * @throws ManifestException when {@code sources.yaml} exists but is malformed or not readable
     * @throws UncheckedIOException when the folder, or a folder inside it, cannot be listed
     */
    public CorpusListing list(Path corpusDir) {
        Path root;
        try {
            root = corpusDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list corpus directory " + corpusDir, e);
        }
        Manifest manifest = Manifest.loadFrom(root, options.maxFileBytes());
        Map<String, CorpusFiles.Readable> found = new LinkedHashMap<>();
        List<SkippedFile> refused = new ArrayList<>();
        try {
            Files.walkFileTree(
                    root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            return dir.equals(root) || !isHidden(dir.getFileName())
                                    ? FileVisitResult.CONTINUE
                                    : FileVisitResult.SKIP_SUBTREE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                            String path = relative(root, file);
                            if (isHidden(file.getFileName()) || path.equals(Manifest.FILE_NAME)) {
                                return FileVisitResult.CONTINUE;
                            }
                            CorpusFiles.Resolution resolution = CorpusFiles.resolve(root, file, attributes);
                            if (resolution instanceof CorpusFiles.Readable readable) {
                                found.put(path, readable);
                            } else if (resolution instanceof CorpusFiles.Refused refusal) {
                                refused.add(skip(path, refusal.reason()));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            throw e;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list corpus directory " + corpusDir, e);
        }
        warnAboutMissingEntries(manifest, found.keySet());
        List<String> paths = found.keySet().stream().sorted().toList();
        Map<String, String> ids = documentIds(paths);
        List<CorpusFile> files = new ArrayList<>(paths.size());
        for (String path : paths) {
            CorpusFiles.Readable readable = found.get(path);
            files.add(new CorpusFile(
                    path,
                    ids.get(path),
                    readable.real(),
                    readable.attributes().size(),
                    readable.attributes().lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    manifest.entry(path)));
        }
        refused.sort(Comparator.comparing(SkippedFile::path));
        return new CorpusListing(files, refused);
    }

    /**
     * Reads one listed file into a document.
     *
     * @param knownContentHash the content hash the index holds for this file, if its reading key is
     *     unchanged: when the bytes hash to it, nothing is extracted and {@link ReadOutcome.SameContent}
     *     is returned
     * @throws CancellationException when the thread was interrupted because the file's time ran out
     */
    public ReadOutcome read(CorpusFile file, Optional<String> knownContentHash) {
        try {
            byte[] bytes = load(file);
            String hash = sha256(bytes);
            if (knownContentHash.filter(hash::equals).isPresent()) {
                return new ReadOutcome.SameContent(hash);
            }
            SourceDocument document = extract(file, bytes, hash);
            LOG.debug(
                    "Read {} as '{}': {} paragraphs",
                    Printable.escape(file.path()),
                    file.id(),
                    document.paragraphs().size());
            return new ReadOutcome.Read(document);
        } catch (UnreadableFileException e) {
            return new ReadOutcome.Skipped(skip(file.path(), e.getMessage()));
        } catch (CorpusFiles.TooLargeException e) {
            return new ReadOutcome.Skipped(skip(file.path(), e.getMessage()));
        } catch (IOException e) {
            return new ReadOutcome.Skipped(
                    skip(file.path(), "cannot read file: " + oneLine(String.valueOf(e.getMessage()))));
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsers throw all sorts of unchecked exceptions on hostile input; one file must not stop the run.
            String message = oneLine(String.valueOf(e.getMessage()));
            return new ReadOutcome.Skipped(
                    skip(file.path(), "reader failed: " + e.getClass().getSimpleName() + ": " + message));
        }
    }

    /**
     * Reads every document below {@code corpusDir} into memory.
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
        CorpusListing listing = list(corpusDir);
        List<SourceDocument> documents = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>(listing.refused());
        progress.filesRead(skipped.size(), listing.total());
        try (FileBudget budget = new FileBudget(options.fileTimeout())) {
            for (CorpusFile file : listing.files()) {
                ReadOutcome outcome = readWithin(budget, file, Optional.empty());
                if (outcome instanceof ReadOutcome.Read read) {
                    documents.add(read.document());
                } else if (outcome instanceof ReadOutcome.Skipped skip) {
                    skipped.add(skip.skipped());
                }
                progress.filesRead(documents.size() + skipped.size(), listing.total());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while reading " + corpusDir);
        }
        LOG.info(
                "Corpus {} read: {} documents, {} skipped in {} ms",
                corpusDir,
                documents.size(),
                skipped.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new CorpusSnapshot(documents, skipped);
    }

    /**
     * {@link #read(CorpusFile, Optional)} within the file's time budget: a file over it, or one that
     * overflows the stack or the heap, is skipped with the reason.
     */
    private ReadOutcome readWithin(FileBudget budget, CorpusFile file, Optional<String> knownContentHash)
            throws InterruptedException {
        FileBudget.Outcome<ReadOutcome> outcome = budget.run(() -> read(file, knownContentHash));
        if (outcome instanceof FileBudget.Exceeded<ReadOutcome> exceeded) {
            return new ReadOutcome.Skipped(skip(file.path(), exceeded.reason()));
        }
        return ((FileBudget.Done<ReadOutcome>) outcome).value();
    }

    /** Hears how many of the corpus files have been read (or skipped), on the reading thread. */
    @FunctionalInterface
    public interface Progress {
        void filesRead(int done, int total);
    }

    private byte[] load(CorpusFile file) throws IOException, UnreadableFileException, CorpusFiles.TooLargeException {
        String extension = extension(file.path());
        if (!readers.containsKey(extension)) {
            throw new UnreadableFileException(
                    extension.isEmpty()
                            ? "unsupported file type (no extension)"
                            : "unsupported file type '." + extension + "'");
        }
        if (file.size() > options.maxFileBytes()) {
            throw new UnreadableFileException(
                    "too large: " + file.size() + " bytes, limit is " + options.maxFileBytes() + " bytes");
        }
        byte[] bytes = CorpusFiles.readAtMost(file.location(), options.maxFileBytes());
        if (bytes.length == 0) {
            throw new UnreadableFileException("empty file");
        }
        if (onlyWhitespace(bytes)) {
            throw new UnreadableFileException("file contains only whitespace");
        }
        return bytes;
    }

    private SourceDocument extract(CorpusFile file, byte[] bytes, String hash) throws UnreadableFileException {
        String extension = extension(file.path());
        if (!extension.equals("pdf")) {
            // Parsing itself holds every line (Markdown) or tag (HTML): refuse before it starts.
            checkLines(
                    countBytes(bytes, (byte) '\n') + (extension.startsWith("htm") ? countBytes(bytes, (byte) '<') : 0));
        }
        ExtractedText extracted = readers.get(extension).read(bytes);
        checkLines(extracted.text().chars().filter(c -> c == '\n').count());
        return builder.build(file.id(), file.path(), hash, extracted, file.entry());
    }

    private void checkLines(long lines) throws UnreadableFileException {
        if (lines > options.maxLines()) {
            throw new UnreadableFileException("too many lines to clean in the memory citebot has: " + lines
                    + ", the limit with this heap is " + options.maxLines());
        }
    }

    private static long countBytes(byte[] bytes, byte wanted) {
        long count = 0;
        for (byte b : bytes) {
            if (b == wanted) {
                count++;
            }
        }
        return count;
    }

    private static SkippedFile skip(String path, String reason) {
        SkippedFile skipped = new SkippedFile(path, reason);
        LOG.warn("Skipping {}: {}", skipped.path(), skipped.reason());
        return skipped;
    }

    /**
     * Each path's document id: the file name without its extension, or the whole relative path
     * where that name would be shared with another file's id; escaped with {@link Printable}. Ids
     * depend only on the set of paths, so they are stable from run to run.
     */
    static Map<String, String> documentIds(List<String> paths) {
        Map<String, Long> stems =
                paths.stream().collect(Collectors.groupingBy(CorpusReader::stem, Collectors.counting()));
        Map<String, String> ids = new HashMap<>();
        for (String path : paths) {
            ids.put(path, stems.get(stem(path)) > 1 ? path : stem(path));
        }
        // A stem can equal another file's path ("x.txt" beside "x.txt.md"): those fall back to their
        // path too, until every id is unique. Paths are unique, so this ends.
        boolean clash = true;
        while (clash) {
            clash = false;
            Map<String, List<String>> byId = ids.entrySet().stream()
                    .collect(Collectors.groupingBy(
                            Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            for (List<String> sharing : byId.values()) {
                if (sharing.size() > 1) {
                    for (String path : sharing) {
                        if (!ids.get(path).equals(path)) {
                            ids.put(path, path);
                            clash = true;
                        }
                    }
                }
            }
        }
        ids.replaceAll((path, id) -> Printable.escape(id));
        return ids;
    }

    private static String relative(Path root, Path file) {
        Path relative = root.relativize(file);
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private static boolean isHidden(Path name) {
        return name != null && name.toString().startsWith(".");
    }

    private static void warnAboutMissingEntries(Manifest manifest, Set<String> present) {
        manifest.entries().keySet().stream()
                .filter(file -> !present.contains(file))
                .sorted()
                .forEach(file -> LOG.warn(
                        "{} describes '{}', which is not in the corpus", Manifest.FILE_NAME, Printable.escape(file)));
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
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s+", " ").strip();
    }
}
