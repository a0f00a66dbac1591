package org.citebot.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one file's extracted text into a {@link SourceDocument}: applies the manifest's article
 * markers, drops boilerplate lines, settles the metadata (manifest, then the format's own metadata,
 * then the head of the text, then defaults), removes the head lines used as metadata, cleans the
 * rest into paragraphs and lays them out in the document text with exact offsets.
 */
final class DocumentBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentBuilder.class);
    static final String PARAGRAPH_SEPARATOR = "\n\n";

    private final MetadataSniffer sniffer;
    private final TextCleaner cleaner;

    DocumentBuilder(MetadataSniffer sniffer, TextCleaner cleaner) {
        this.sniffer = sniffer;
        this.cleaner = cleaner;
    }

    /**
     * @param id the document id
     * @param path the file's path relative to the corpus directory
     * @param hash hex SHA-256 of the file's bytes
     * @param entry what the manifest says about the file, if anything
     * @throws UnreadableFileException when nothing readable is left after cleaning
     */
    SourceDocument build(String id, String path, String hash, ExtractedText extracted, Optional<ManifestEntry> entry)
            throws UnreadableFileException {
        List<String> lines = lines(path, extracted, entry);
        lines.replaceAll(line -> Boilerplate.isBoilerplateLine(line) ? "" : line);

        MetadataSniffer.Head head = sniffer.sniff(lines);
        MetadataHints manifest = entry.map(ManifestEntry::metadata).orElse(MetadataHints.NONE);
        String fileName = Printable.escape(path.substring(path.lastIndexOf('/') + 1));
        DocumentMetadata metadata =
                manifest.or(extracted.metadata()).or(head.hints()).toMetadata(fileName);
        removeHeadLinesUsed(lines, head, metadata);

        List<TextCleaner.CleanParagraph> cleaned = cleaner.clean(lines, extracted.headings(), extracted.captions());
        if (cleaned.stream().allMatch(TextCleaner.CleanParagraph::caption)) {
            throw new UnreadableFileException("no text left after cleaning");
        }
        // The lines are garbage now; drop them before the document text is laid out beside them.
        lines = null;
        // Sized exactly, so a document of a million paragraphs is never copied while it grows.
        long length = (long) PARAGRAPH_SEPARATOR.length() * Math.max(0, cleaned.size() - 1);
        for (TextCleaner.CleanParagraph paragraph : cleaned) {
            length += paragraph.text().length();
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new UnreadableFileException("its cleaned text is too long to hold");
        }
        StringBuilder body = new StringBuilder((int) length);
        List<Paragraph> paragraphs = new ArrayList<>(cleaned.size());
        for (TextCleaner.CleanParagraph paragraph : cleaned) {
            if (body.length() > 0) {
                body.append(PARAGRAPH_SEPARATOR);
            }
            int start = body.length();
            body.append(paragraph.text());
            int number = paragraphs.size() + 1;
            paragraphs.add(new Paragraph(
                    number, paragraph.section(), paragraph.text(), start, body.length(), paragraph.caption()));
        }
        return new SourceDocument(id, path, hash, metadata, body.toString(), paragraphs);
    }

    /** The text's lines, normalised and cut to the manifest's markers: a fixed-size list, no copy. */
    private static List<String> lines(String path, ExtractedText extracted, Optional<ManifestEntry> entry) {
        String text = applyMarkers(path, TextCleaner.normalizeSpaces(extracted.text()), entry);
        return Arrays.asList(text.split("\n", -1));
    }

    private static String applyMarkers(String path, String text, Optional<ManifestEntry> entry) {
        String result = text;
        if (entry.isEmpty()) {
            return result;
        }
        Optional<String> startsAfter = entry.get().startsAfter().map(TextCleaner::normalizeSpaces);
        if (startsAfter.isPresent()) {
            int at = result.indexOf(startsAfter.get());
            if (at < 0) {
                LOG.warn(
                        "{}: article.startsAfter marker '{}' not found; keeping the text from its beginning",
                        Printable.escape(path),
                        Printable.escape(startsAfter.get()));
            } else {
                result = result.substring(at + startsAfter.get().length());
            }
        }
        Optional<String> endsBefore = entry.get().endsBefore().map(TextCleaner::normalizeSpaces);
        if (endsBefore.isPresent()) {
            int at = result.indexOf(endsBefore.get());
            if (at < 0) {
                LOG.warn(
                        "{}: article.endsBefore marker '{}' not found; keeping the text to its end",
                        Printable.escape(path),
                        Printable.escape(endsBefore.get()));
            } else {
                result = result.substring(0, at);
            }
        }
        return result;
    }

    /** Head lines that say what the metadata says are metadata, not body paragraphs. */
    private static void removeHeadLinesUsed(List<String> lines, MetadataSniffer.Head head, DocumentMetadata metadata) {
        head.title()
                .filter(found -> sameText(found.value(), metadata.title()))
                .ifPresent(found -> lines.set(found.line(), ""));
        head.author()
                .filter(found -> metadata.author()
                        .filter(author -> sameText(author, found.value()))
                        .isPresent())
                .ifPresent(found -> lines.set(found.line(), ""));
        head.date()
                .filter(found -> metadata.published()
                        .filter(date -> date.equals(found.value()))
                        .isPresent())
                .ifPresent(found -> lines.set(found.line(), ""));
    }

    private static boolean sameText(String a, String b) {
        return MetadataSniffer.collapse(a)
                .toLowerCase(Locale.ROOT)
                .equals(MetadataSniffer.collapse(b).toLowerCase(Locale.ROOT));
    }
}
