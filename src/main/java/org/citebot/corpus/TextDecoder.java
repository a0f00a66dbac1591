package org.citebot.corpus;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding for the text formats. Replacing bad bytes silently would put garbage into
 * citations, so binary content and invalid UTF-8 are refused with the offending byte offset.
 */
final class TextDecoder {

    private TextDecoder() {}

    static String decodeUtf8(byte[] bytes) throws UnreadableFileException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new UnreadableFileException("binary content (NUL byte at offset " + i + ")");
            }
        }
        boolean byteOrderMark = bytes.length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        int bom = byteOrderMark ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, bom, bytes.length - bom);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new UnreadableFileException("invalid UTF-8 at byte offset " + in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new UnreadableFileException("invalid UTF-8 at byte offset " + in.position());
        }
        out.flip();
        return out.toString();
    }
}
