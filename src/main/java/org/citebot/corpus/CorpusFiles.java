package org.citebot.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one place that decides whether a path in the corpus folder may be read, and reads it: a link
 * is followed only to a regular file whose real path is inside the corpus folder; devices, pipes and
 * sockets are never opened; and the size limit is enforced while reading, because some files (those
 * under {@code /proc}) report a size of 0. Used for documents and for {@code sources.yaml}.
 */
final class CorpusFiles {

    static final String OUTSIDE = "link leads outside the corpus folder; not read";
    static final String LOOP = "link loop: the link leads back to itself";
    static final String DANGLING = "dangling link: its target does not exist";
    static final String FOLDER_LINK = "link to a folder; folders behind links are not read";
    static final String SPECIAL = "not a regular file (a device, pipe or socket); not read";

    private CorpusFiles() {}

    /** Whether a path may be read, and if so which real file it is. */
    sealed interface Resolution permits Readable, Refused {}

    /** A regular file inside the corpus folder, by its real path (no links left in it). */
    record Readable(Path real, BasicFileAttributes attributes) implements Resolution {}

    /** A path that must not be read, with the reason for the report. */
    record Refused(String reason) implements Resolution {}

    /** The file holds more bytes than the limit; nothing more of it was read. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("too large: more than the limit of " + limit + " bytes");
        }
    }

    /**
     * Decides about {@code path}, found in the folder whose real path is {@code root}, given its own
     * attributes (not following a link).
     *
     * @throws IOException when the target's attributes cannot be read
     */
    static Resolution resolve(Path root, Path path, BasicFileAttributes own) throws IOException {
        if (!own.isSymbolicLink()) {
            return own.isRegularFile() ? new Readable(path, own) : new Refused(SPECIAL);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            return new Refused(DANGLING);
        } catch (FileSystemException e) {
            String reason = String.valueOf(e.getReason());
            if (reason.contains("levels of symbolic links")) {
                return new Refused(LOOP);
            }
            throw e;
        }
        if (!real.startsWith(root)) {
            return new Refused(OUTSIDE);
        }
        BasicFileAttributes target = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (target.isDirectory()) {
            return new Refused(FOLDER_LINK);
        }
        return target.isRegularFile() ? new Readable(real, target) : new Refused(SPECIAL);
    }

    /**
     * Reads a whole file, refusing to follow a link in its last step and stopping as soon as it
     * holds more than {@code limit} bytes.
     *
     * @throws TooLargeException when the file holds more than {@code limit} bytes
     */
    static byte[] readAtMost(Path real, long limit) throws IOException, TooLargeException {
        int wanted = (int) Math.min(Integer.MAX_VALUE - 8, limit + 1);
        try (InputStream in = Channels.newInputStream(
                Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            byte[] bytes = in.readNBytes(wanted);
            if (bytes.length > limit) {
                throw new TooLargeException(limit);
            }
            return bytes;
        }
    }
}
