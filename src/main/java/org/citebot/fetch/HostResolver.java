package org.citebot.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses it may be reached at. The fetcher checks every one before it
 * connects to any; tests inject a stub so that no test depends on, or reaches, real DNS.
 */
@FunctionalInterface
public interface HostResolver {

    /** The system resolver. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
