package org.citebot.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The connector of the fetcher's tests: records every address the fetcher asks to connect to, and
 * never lets a test send traffic beyond this machine. A loopback address is connected for real; one
 * invented public address (the stand-in) is connected to the test's loopback server instead; any
 * other address is refused here and recorded as a forbidden dial, which the tests assert never
 * happens.
 */
public final class DialRecorder implements Connector {

    /** A public address tests use for invented public names; connections to it go to the loopback server. */
    public static final InetAddress PUBLIC_STAND_IN = address(93, 184, 216, 34);

    private final int loopbackPort;
    private final List<InetSocketAddress> dialled = new CopyOnWriteArrayList<>();
    private final List<InetSocketAddress> forbidden = new CopyOnWriteArrayList<>();

    public DialRecorder(int loopbackPort) {
        this.loopbackPort = loopbackPort;
    }

    @Override
    public Socket connect(InetSocketAddress address, Duration timeout) throws IOException {
        dialled.add(address);
        if (address.getAddress().equals(PUBLIC_STAND_IN)) {
            return PLAIN.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), loopbackPort), timeout);
        }
        if (address.getAddress().isLoopbackAddress()) {
            return PLAIN.connect(address, timeout);
        }
        forbidden.add(address);
        throw new IOException("the test connector never dials " + address);
    }

    /** Every address asked for, in order. */
    public List<InetSocketAddress> dialled() {
        return List.copyOf(dialled);
    }

    /** Addresses asked for that were neither loopback nor the stand-in: must stay empty. */
    public List<InetSocketAddress> forbidden() {
        return List.copyOf(forbidden);
    }

    public static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
