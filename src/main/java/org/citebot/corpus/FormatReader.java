package org.citebot.corpus;

/**
 * Turns the bytes of one file format into text the {@link TextCleaner} can work on. One
 * implementation per format; {@link CorpusReader} picks it by file extension.
 */
interface FormatReader {

    /**
     * @param bytes the whole file
     * @throws UnreadableFileException with a one-line reason when the file cannot be used
     */
    ExtractedText read(byte[] bytes) throws UnreadableFileException;
}
