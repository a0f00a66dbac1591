package org.citebot.corpus;

/** Reads {@code .txt} files: strict UTF-8 or UTF-16, no markup; all structure is left to the cleaner. */
final class PlainTextReader implements FormatReader {

    @Override
    public ExtractedText read(byte[] bytes) throws UnreadableFileException {
        return ExtractedText.plain(TextDecoder.decode(bytes));
    }
}
