package org.citebot.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses the fetcher may dial: public unicast only. Addresses are parsed, never contacted. */
class AddressPolicyTest {

    private final AddressPolicy defaults = new AddressPolicy(false);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.0.9",
                "::1",
                "0.0.0.0",
                "::",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "169.254.0.1",
                "100.64.0.1",
                "100.100.100.200",
                "224.0.0.1",
                "255.255.255.255",
                "240.0.0.1",
                "192.0.0.8",
                "198.18.0.1",
                "fe80::1",
                "fc00::1",
                "fd00::1",
                "fd00:ec2::254",
                "ff02::1",
                "::ffff:10.0.0.1",
                "::ffff:127.0.0.1",
                "64:ff9b::a00:1",
                "2002:a00:1::",
                "2001:db8::1",
                "fec0::1"
            })
    void refusal_internalAddresses_areRefused(String literal) throws Exception {
        assertThat(defaults.refusal(InetAddress.getByName(literal))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "2a00:1450::1"})
    void refusal_publicAddresses_areAllowed(String literal) throws Exception {
        assertThat(defaults.refusal(InetAddress.getByName(literal))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "::ffff:127.0.0.1"})
    void refusal_loopbackWhenAllowed_isAllowed(String literal) throws Exception {
        assertThat(new AddressPolicy(true).refusal(InetAddress.getByName(literal)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"news.example", "localhost", "999.1.1.1", "1.2.3"})
    void literal_namesAndMalformedNumbers_areNotLiterals(String host) {
        assertThat(AddressPolicy.literal(host)).isEmpty();
    }
}
