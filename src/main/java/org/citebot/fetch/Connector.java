package org.citebot.fetch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Opens a TCP connection to an address the fetcher has already checked. The only way the fetcher
 * reaches the network, so a test can record every address it was asked to connect to.
 */
@FunctionalInterface
public interface Connector {

    /** Plain sockets. */
    Connector PLAIN = (address, timeout) -> {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) Math.max(1, timeout.toMillis()));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    };

    /** A connected socket to {@code address} (an IP address, never a name to resolve again). */
    Socket connect(InetSocketAddress address, Duration timeout) throws IOException;
}
