package org.citebot.passages;

/**
 * What the corpus file behind a document looked like when it was read: enough for the next reindex
 * to pass over the file without reading it when nothing about it changed. Stored on the document's
 * record in the index.
 *
 * @param path the file's path relative to the corpus folder
 * @param size its size in bytes
 * @param modifiedNanos its last-modified time, in nanoseconds since the epoch
 * @param checkedNanos when it was listed, just before it was read, in nanoseconds since the epoch
 * @param readingKey the corpus reader's key for everything besides the bytes that shaped the document
 */
public record FileStamp(String path, long size, long modifiedNanos, long checkedNanos, String readingKey) {

    /**
     * How recent a modification may be before the stamp cannot vouch for the file: a file changed
     * again within the file system's time granularity (2 s on the coarsest) of being read keeps its
     * size and time, so such a file is hashed again rather than trusted.
     */
    static final long RACY_NANOS = 2_000_000_000L;

    /**
     * True when a file that now has {@code size}, {@code modifiedNanos} and {@code readingKey} at
     * {@code path} is certainly the one this stamp describes.
     */
    public boolean vouchesFor(String path, long size, long modifiedNanos, String readingKey) {
        return this.path.equals(path)
                && this.size == size
                && this.modifiedNanos == modifiedNanos
                && this.readingKey.equals(readingKey)
                && this.modifiedNanos + RACY_NANOS < checkedNanos;
    }
}
