package org.citebot.corpus;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads {@code .pdf} files with PDFBox: text in reading order with a blank line after each
 * paragraph PDFBox detects, words hyphenated across lines rejoined; title, author and creation date
 * from the document information dictionary (the creation date stands in for the publication date).
 */
final class PdfReader implements FormatReader {

    @Override
    public ExtractedText read(byte[] bytes) throws UnreadableFileException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            stripper.setParagraphEnd("\n\n");
            stripper.setPageEnd("\n\n");
            String text = dehyphenate(stripper.getText(document));
            if (text.isBlank()) {
                throw new UnreadableFileException("PDF has no extractable text (scanned images only?)");
            }
            return new ExtractedText(text, metadata(document.getDocumentInformation()), Set.of(), Set.of());
        } catch (InvalidPasswordException e) {
            throw new UnreadableFileException("PDF is encrypted with a password");
        } catch (IOException e) {
            throw new UnreadableFileException("damaged or truncated PDF: " + oneLine(e.getMessage()));
        }
    }

    /** "escala-\ntion" is one word broken by the layout, "NATO-\nRussia" keeps its hyphen. */
    static String dehyphenate(String text) {
        return text.replaceAll("(\\p{Ll})-\\n(\\p{Ll})", "$1$2");
    }

    private static MetadataHints metadata(PDDocumentInformation info) {
        Optional<LocalDate> created = Optional.ofNullable(info.getCreationDate())
                .map(calendar -> calendar.toInstant().atZone(zone(calendar)).toLocalDate());
        return new MetadataHints(
                nonBlank(info.getTitle()),
                nonBlank(info.getAuthor()),
                Optional.empty(),
                created,
                Optional.empty(),
                Optional.empty());
    }

    private static ZoneOffset zone(Calendar calendar) {
        return ZoneOffset.ofTotalSeconds(calendar.getTimeZone().getOffset(calendar.getTimeInMillis()) / 1000);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable" : message.replaceAll("\\s+", " ").strip();
    }
}
