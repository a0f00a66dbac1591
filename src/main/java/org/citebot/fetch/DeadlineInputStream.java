package org.citebot.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A socket's input that gives up when the fetch's deadline passes, however slowly the server
 * trickles: before every read the socket's timeout is set to the time left, and after it the
 * deadline is checked again.
 */
final class DeadlineInputStream extends BulkInputStream {

    /** The deadline passed while reading. */
    static final class Expired extends IOException {
        private static final long serialVersionUID = 1L;

        Expired() {
            super("the fetch's time ran out");
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final Deadline deadline;

    DeadlineInputStream(Socket socket, Deadline deadline) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadline = deadline;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            socket.setSoTimeout(deadline.remainingMillis());
            int n = in.read(buffer, offset, length);
            deadline.check();
            return n;
        } catch (FetchRefusedException e) {
            throw new Expired();
        }
    }
}
