package org.citebot.fetch;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which IP addresses the fetcher may connect to: public unicast addresses only. Refused, with the
 * reason: loopback (unless allowed for tests), "this network" and unspecified, private (10/8,
 * 172.16/12, 192.168/16), shared carrier-grade NAT (100.64/10, where some clouds keep metadata
 * services), link-local (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10),
 * unique-local (fc00::/7, fd00::/8 included), multicast, broadcast and reserved ranges, and IPv6
 * forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4), judged by that address.
 */
final class AddressPolicy {

    private final boolean allowLoopback;

    AddressPolicy(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Why {@code address} may not be connected to ("it is in a private network"), or empty when it may. */
    Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return refusal4(v4.getAddress());
        }
        byte[] b = address.getAddress();
        Optional<byte[]> embedded = embeddedIpv4(b);
        if (embedded.isPresent()) {
            return refusal4(embedded.get());
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("it is this machine (loopback)");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("it is unspecified");
        }
        if (address.isLinkLocalAddress() || ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80)) {
            return Optional.of("it is link-local");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("it is in a private network (unique-local fc00::/7)");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Optional.of("it is site-local");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("it is multicast");
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return Optional.of("it is reserved for documentation");
        }
        if ((b[0] & 0xe0) != 0x20) {
            // Global unicast is 2000::/3; everything else is unassigned or special.
            return Optional.of("it is not a public unicast address");
        }
        return Optional.empty();
    }

    private Optional<String> refusal4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        int a3 = b[3] & 0xff;
        if (a0 == 127) {
            return allowLoopback ? Optional.empty() : Optional.of("it is this machine (loopback)");
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of(
                    a2 == 169 && a3 == 254 ? "it is the cloud metadata service (link-local)" : "it is link-local");
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Optional.of("it is in a private network");
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Optional.of("it is in a shared carrier-grade NAT range (100.64.0.0/10)");
        }
        if (a0 == 0) {
            return Optional.of("it is unspecified (\"this network\")");
        }
        if (a0 >= 224) {
            return Optional.of(a0 < 240 ? "it is multicast" : "it is reserved or broadcast");
        }
        if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 198 && (a1 == 18 || a1 == 19))
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return Optional.of("it is reserved for protocols, documentation or benchmarks");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(isZero(b, 12, 15) || isLoopbackTail(b));
        boolean nat64 = (b[0] & 0xff) == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && isZero(b, 4, 11);
        if (mapped || compatible || nat64) {
            return Optional.of(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(new byte[] {b[2], b[3], b[4], b[5]});
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLoopbackTail(byte[] b) {
        return b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] == 1;
    }

    /** An IP literal as written in a URL ({@code 10.0.0.1}, {@code [::1]}), or empty for a host name. */
    static Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            if (bare.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                String[] parts = bare.split("\\.");
                byte[] octets = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int value = Integer.parseInt(parts[i]);
                    if (value > 255) {
                        return Optional.empty();
                    }
                    octets[i] = (byte) value;
                }
                return Optional.of(InetAddress.getByAddress(octets));
            }
            if (bare.contains(":") && bare.matches("[0-9a-fA-F:.]+")) {
                // Text with a colon is only ever parsed as an IPv6 literal, never looked up in DNS.
                return Optional.of(InetAddress.getByName(bare));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
