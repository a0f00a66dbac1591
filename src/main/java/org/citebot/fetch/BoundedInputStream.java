package org.citebot.fetch;

import java.io.IOException;
import java.io.InputStream;

/** The first {@code length} bytes of a stream: a body with a Content-Length. */
final class BoundedInputStream extends BulkInputStream {

    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long length) {
        this.in = in;
        this.remaining = length;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new IOException("the connection closed before the whole body arrived");
        }
        remaining -= n;
        return n;
    }
}
