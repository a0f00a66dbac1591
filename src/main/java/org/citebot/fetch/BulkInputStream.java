package org.citebot.fetch;

import java.io.IOException;
import java.io.InputStream;

/** An input stream defined by its bulk read; the single-byte read goes through it. */
abstract class BulkInputStream extends InputStream {

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] buffer, int offset, int length) throws IOException;
}
