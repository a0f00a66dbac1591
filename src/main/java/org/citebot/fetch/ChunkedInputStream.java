package org.citebot.fetch;

import java.io.IOException;
import java.io.InputStream;

/** Decodes an HTTP/1.1 chunked body; trailers are read and dropped. */
final class ChunkedInputStream extends BulkInputStream {

    private final InputStream in;
    private long remainingInChunk;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        if (remainingInChunk == 0) {
            remainingInChunk = nextChunkSize();
            if (remainingInChunk == 0) {
                while (!HttpHead.readLine(in).isEmpty()) {
                    // trailer fields carry nothing the fetcher needs
                }
                done = true;
                return -1;
            }
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remainingInChunk));
        if (n < 0) {
            throw new IOException("the connection closed in the middle of a chunk");
        }
        remainingInChunk -= n;
        if (remainingInChunk == 0 && !HttpHead.readLine(in).isEmpty()) {
            throw new IOException("malformed chunked body: no line end after a chunk");
        }
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = HttpHead.readLine(in);
        int extension = line.indexOf(';');
        String hex = (extension >= 0 ? line.substring(0, extension) : line).strip();
        try {
            long size = Long.parseLong(hex, 16);
            if (size < 0) {
                throw new NumberFormatException(hex);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IOException("malformed chunk size '" + hex + "'");
        }
    }
}
