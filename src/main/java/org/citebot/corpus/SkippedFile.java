package org.citebot.corpus;

/**
 * A corpus file that could not be read, with a one-line reason for the index report. Both are
 * printable: control characters in a file name or an error message are escaped here, so no report
 * or log line built from it can carry a terminal escape code or a line break.
 *
 * @param path the file's path relative to the corpus folder, escaped with {@link Printable}
 */
public record SkippedFile(String path, String reason) {

    public SkippedFile {
        path = Printable.escape(path);
        reason = Printable.escape(reason);
    }
}
