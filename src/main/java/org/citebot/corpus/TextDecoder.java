package org.citebot.corpus;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict decoding for the text formats. Replacing bad bytes silently would put garbage into
 * citations, so binary content and invalid text are refused with the offending byte offset. The
 * encoding is UTF-8 unless a byte order mark says UTF-16 (or UTF-8), the zero bytes of plain
 * English in UTF-16 give it away, or an HTML page declares its charset.
 */
final class TextDecoder {

    /** How much of a file the UTF-16 guess and the HTML charset prescan look at, as browsers do. */
    private static final int PRESCAN_BYTES = 1024;

    private static final Pattern META_CHARSET =
            Pattern.compile("<meta\\s[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:+-]+)", Pattern.CASE_INSENSITIVE);

    private TextDecoder() {}

    /** Text in UTF-8 or UTF-16, told apart by a byte order mark or by the zero bytes of UTF-16. */
    static String decode(byte[] bytes) throws UnreadableFileException {
        Optional<Charset> marked = byteOrderMark(bytes);
        if (marked.isPresent()) {
            return decode(bytes, bomLength(marked.get()), marked.get());
        }
        Optional<Charset> utf16 = zeroBytePattern(bytes);
        if (utf16.isPresent()) {
            return decode(bytes, 0, utf16.get());
        }
        return decode(bytes, 0, StandardCharsets.UTF_8);
    }

    /**
     * An HTML page: a byte order mark wins, then a {@code <meta charset>} or {@code http-equiv}
     * declaration in its first kilobyte, then UTF-8. A declared UTF-16 means UTF-8 (the page could
     * not have been prescanned otherwise), and an unknown charset falls back to UTF-8.
     */
    static String decodeHtml(byte[] bytes) throws UnreadableFileException {
        Optional<Charset> marked = byteOrderMark(bytes);
        if (marked.isPresent()) {
            return decode(bytes, bomLength(marked.get()), marked.get());
        }
        return decode(bytes, 0, declaredCharset(bytes).orElse(StandardCharsets.UTF_8));
    }

    private static Optional<Charset> byteOrderMark(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        return Optional.empty();
    }

    private static int bomLength(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) ? 3 : 2;
    }

    /**
     * UTF-16 without a mark, when text is mostly Latin: in little-endian every other byte (the odd
     * ones) is zero, in big-endian the even ones, while the others almost never are. Binary files
     * rarely show this pattern, and if one does, strict decoding or the NUL check refuses it.
     */
    private static Optional<Charset> zeroBytePattern(byte[] bytes) {
        int pairs = Math.min(bytes.length, PRESCAN_BYTES) / 2;
        if (pairs < 2 || bytes.length % 2 != 0) {
            return Optional.empty();
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < pairs * 2; i += 2) {
            evenZeros += bytes[i] == 0 ? 1 : 0;
            oddZeros += bytes[i + 1] == 0 ? 1 : 0;
        }
        if (oddZeros * 10 >= pairs * 7 && evenZeros * 20 <= pairs) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        if (evenZeros * 10 >= pairs * 7 && oddZeros * 20 <= pairs) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        return Optional.empty();
    }

    private static Optional<Charset> declaredCharset(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher meta = META_CHARSET.matcher(head);
        if (!meta.find()) {
            return Optional.empty();
        }
        String name = meta.group(1).toLowerCase(Locale.ROOT);
        if (name.startsWith("utf-16")) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    private static String decode(byte[] bytes, int offset, Charset charset) throws UnreadableFileException {
        boolean utf8 = charset.equals(StandardCharsets.UTF_8);
        if (utf8) {
            for (int i = offset; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    throw new UnreadableFileException("binary content (NUL byte at offset " + i + ")");
                }
            }
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out =
                CharBuffer.allocate((int) Math.ceil((bytes.length - offset) * (double) decoder.maxCharsPerByte()));
        String name = utf8 ? "UTF-8" : charset.name();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new UnreadableFileException("invalid " + name + " at byte offset " + in.position());
        }
        out.flip();
        String text = out.toString();
        if (!utf8) {
            int nul = text.indexOf('\0');
            if (nul >= 0) {
                throw new UnreadableFileException("binary content (NUL character in " + name + " text)");
            }
        }
        return text;
    }
}
