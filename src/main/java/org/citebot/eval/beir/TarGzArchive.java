package org.citebot.eval.beir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A minimal reader of gzip-compressed tar archives (POSIX ustar and GNU headers): enough to read the
 * regular files of a test collection without a dependency. Each entry is a 512-byte header (name at
 * 0, octal size at 124, type flag at 156, ustar name prefix at 345) followed by its data padded to a
 * multiple of 512 bytes; two zero blocks end the archive. GNU long names ({@code L}) are honoured;
 * other special entries (directories, links, pax headers) are skipped.
 */
public final class TarGzArchive {

    static final int BLOCK = 512;

    /** Receives each regular file of the archive. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(String name, byte[] content) throws IOException;
    }

    private TarGzArchive() {}

    /**
     * Calls {@code consumer} for every regular file in {@code archive}, in archive order.
     *
     * @throws IOException when the file cannot be read or is not a gzip-compressed tar archive
     */
    public static void forEachFile(Path archive, EntryConsumer consumer) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            read(in, consumer);
        }
    }

    static void read(InputStream in, EntryConsumer consumer) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        while (true) {
            if (!readFully(in, header)) {
                return;
            }
            if (isZero(header)) {
                return;
            }
            if (!checksumMatches(header)) {
                throw new IOException("not a tar archive: bad header checksum");
            }
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            if (size < 0 || size > Integer.MAX_VALUE - BLOCK) {
                throw new IOException("tar entry too large: " + size);
            }
            byte[] content = new byte[(int) size];
            if (!readFully(in, content)) {
                throw new IOException("tar archive ends inside an entry");
            }
            skipFully(in, (BLOCK - size % BLOCK) % BLOCK);
            if (type == 'L') {
                longName = text(content, 0, content.length);
                continue;
            }
            String name = longName != null ? longName : fullName(header);
            longName = null;
            if (type == '0' || type == '\0') {
                consumer.accept(name, content);
            }
        }
    }

    private static String fullName(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = text(header, 257, 6).startsWith("ustar");
        String prefix = ustar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** An octal number field, NUL- or space-terminated; GNU base-256 sizes are rejected by callers. */
    static long octal(byte[] bytes, int offset, int length) throws IOException {
        if ((bytes[offset] & 0x80) != 0) {
            throw new IOException("tar base-256 numbers are not supported");
        }
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (bytes[i] == ' ' || bytes[i] == 0)) {
            i++;
        }
        for (; i < end && bytes[i] >= '0' && bytes[i] <= '7'; i++) {
            value = value * 8 + (bytes[i] - '0');
        }
        return value;
    }

    private static boolean checksumMatches(byte[] header) throws IOException {
        long stored = octal(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        return sum == stored;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = 0;
        while (read < buffer.length) {
            int n = in.read(buffer, read, buffer.length - read);
            if (n < 0) {
                if (read == 0) {
                    return false;
                }
                throw new IOException("tar archive truncated");
            }
            read += n;
        }
        return true;
    }

    private static void skipFully(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            if (in.read() < 0) {
                throw new IOException("tar archive truncated");
            }
            left--;
        }
    }
}
