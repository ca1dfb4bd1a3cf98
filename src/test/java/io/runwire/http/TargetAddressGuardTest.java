package io.runwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses are built from literals: no DNS, no sockets. */
class TargetAddressGuardTest {

    private final TargetAddressGuard guard = new TargetAddressGuard(false, List.of());

    @ParameterizedTest(name = "{0} -> allowed={1}")
    @CsvSource(delimiter = '|', textBlock = """
            169.254.169.254  | false | is a cloud metadata address
            100.100.100.200  | false | is a cloud metadata address
            fd00:ec2::254    | false | is a cloud metadata address
            10.0.0.1         | false | is a private address
            172.16.0.1       | false | is a private address
            172.31.255.255   | false | is a private address
            172.32.0.1       | true  | is a public address
            192.168.1.1      | false | is a private address
            100.64.0.1       | false | is a carrier-grade NAT address
            100.127.255.255  | false | is a carrier-grade NAT address
            100.128.0.1      | true  | is a public address
            169.254.1.1      | false | is a link-local address
            fd00::1          | false | is a unique-local address
            fc00::1          | false | is a unique-local address
            fe80::1          | false | is a link-local address
            127.0.0.1        | false | is a loopback address
            127.0.0.2        | false | is a loopback address
            ::1              | false | is a loopback address
            0.0.0.0          | false | is the unspecified address
            ::               | false | is the unspecified address
            224.0.0.1        | false | is a multicast address
            ff02::1          | false | is a multicast address
            255.255.255.255  | false | is the broadcast address
            192.0.0.192      | false | is an IETF protocol address
            ::ffff:127.0.0.1 | false | is a loopback address
            ::ffff:10.0.0.1  | false | is a private address
            ::10.0.0.1       | false | embeds 10.0.0.1 (IPv4-compatible), which is a private address
            ::127.0.0.1      | false | embeds 127.0.0.1 (IPv4-compatible), which is a loopback address
            64:ff9b::a00:1   | false | embeds 10.0.0.1 (NAT64), which is a private address
            64:ff9b::a9fe:a9fe | false | embeds 169.254.169.254 (NAT64), which is a cloud metadata address
            2002:0a00:0001:: | false | embeds 10.0.0.1 (6to4), which is a private address
            2002:7f00:0001:: | false | embeds 127.0.0.1 (6to4), which is a loopback address
            64:ff9b::808:808 | true  | is a public address
            2002:0808:0808:: | true  | is a public address
            8.8.8.8          | true  | is a public address
            2001:4860:4860::8888 | true | is a public address
            """)
    void judgesAnAddressByItsRange(String literal, boolean allowed, String reason) throws UnknownHostException {
        TargetAddressGuard.Verdict verdict = guard.check(InetAddress.getByName(literal));

        assertThat(verdict.allowed()).isEqualTo(allowed);
        assertThat(verdict.reason()).endsWith(reason);
    }

    @Test
    void anIpv4MappedAddressBuiltFromSixteenBytesIsJudgedByItsIpv4Address() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169, (byte) 254};

        assertThat(guard.check(InetAddress.getByAddress(mapped)).allowed()).isFalse();
        assertThat(guard.check(Inet6Address.getByAddress(null, mapped, -1)).reason())
                .endsWith("embeds 169.254.169.254 (IPv4-mapped), which is a cloud metadata address");
    }

    @Test
    void theReasonNamesTheAddressAndWhatItIs() throws UnknownHostException {
        assertThat(guard.check(InetAddress.getByName("127.0.0.1")).reason()).isEqualTo("127.0.0.1 is a loopback address");
    }

    @Test
    void allowPrivateOpensEveryInternalAddressAndSaysWhy() throws UnknownHostException {
        TargetAddressGuard open = new TargetAddressGuard(true, List.of());

        for (String literal : List.of("127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "fd00::1", "64:ff9b::a00:1")) {
            TargetAddressGuard.Verdict verdict = open.check(InetAddress.getByName(literal));
            assertThat(verdict.allowed()).as(literal).isTrue();
            assertThat(verdict.reason()).as(literal).endsWith("allowed by RUNWIRE_HTTP_ALLOW_PRIVATE");
        }
    }

    @Test
    void allowListedHostsMatchWhateverTheirSpelling() {
        TargetAddressGuard listed = new TargetAddressGuard(false,
                List.of(" Internal.Example.com ", "10.0.0.5", "[::1]", "fd00:0:0:0:0:0:0:7", ""));

        assertThat(listed.isAllowListed("internal.example.com")).isTrue();
        assertThat(listed.isAllowListed("INTERNAL.example.com.")).isTrue();
        assertThat(listed.isAllowListed("10.0.0.5")).isTrue();
        assertThat(listed.isAllowListed("::1")).isTrue();
        assertThat(listed.isAllowListed("[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(listed.isAllowListed("fd00::7")).isTrue();
        assertThat(listed.isAllowListed("other.example.com")).isFalse();
        assertThat(listed.isAllowListed("sub.internal.example.com")).isFalse();
        assertThat(listed.isAllowListed("10.0.0.6")).isFalse();
        assertThat(listed.isAllowListed("")).isFalse();
    }
}
