package org.citebot.corpus;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads {@code .pdf} files with PDFBox: text in reading order with a blank line after each
 * paragraph PDFBox detects, words hyphenated across lines rejoined; title, author and creation date
 * from the document information dictionary (the creation date stands in for the publication date).
 * A small PDF can inflate to gigabytes of text, so extraction stops at a limit of characters, and
 * it checks between content stream operators whether the file's time ran out.
 */
final class PdfReader implements FormatReader {

    private final long maxTextChars;

    PdfReader(long maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    @Override
    public ExtractedText read(byte[] bytes) throws UnreadableFileException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
                    Cancellation.check();
                    super.processOperator(operator, operands);
                }
            };
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            stripper.setParagraphEnd("\n\n");
            stripper.setPageEnd("\n\n");
            BoundedWriter out = new BoundedWriter(maxTextChars);
            stripper.writeText(document, out);
            String text = dehyphenate(out.toString());
            if (text.isBlank()) {
                throw new UnreadableFileException("PDF has no extractable text (scanned images only?)");
            }
            return new ExtractedText(text, metadata(document.getDocumentInformation()), Set.of(), Set.of());
        } catch (InvalidPasswordException e) {
            throw new UnreadableFileException("PDF is encrypted with a password");
        } catch (BoundedWriter.FullException e) {
            throw new UnreadableFileException("its text is longer than the limit of " + maxTextChars + " characters");
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

    /** Collects text up to a limit and refuses more, so an inflating PDF never fills the heap. */
    private static final class BoundedWriter extends Writer {

        /** The limit was reached; nothing more was kept. */
        static final class FullException extends IOException {
            private static final long serialVersionUID = 1L;
        }

        private final StringBuilder text = new StringBuilder();
        private final long limit;

        BoundedWriter(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (text.length() + (long) length > limit) {
                throw new FullException();
            }
            text.append(chars, offset, length);
        }

        @Override
        public void write(String string, int offset, int length) throws IOException {
            if (text.length() + (long) length > limit) {
                throw new FullException();
            }
            text.append(string, offset, offset + length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
