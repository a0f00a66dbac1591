package org.citebot.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 for tests. */
public final class LocalPorts {

    private LocalPorts() {}

    /**
     * A port nothing listens on right now: the system picks a free one and it is closed again. Use it
     * for a server a test starts (or for a URL that must refuse connections).
     */
    public static int unused() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
