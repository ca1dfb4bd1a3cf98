package io.runwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only literals and localhost: answered by the JVM and /etc/hosts, never by a DNS server. */
class GuardedDnsResolverTest {

    private final GuardedDnsResolver resolver = new GuardedDnsResolver(new TargetAddressGuard(false, List.of()));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "2130706433", "0.0.0.0", "::1", "[::1]", "127.1"})
    void refusesHostsThatReachThisMachine(String host) {
        assertThatThrownBy(() -> resolver.resolve(host))
                .isInstanceOf(TargetRefusedException.class)
                .isInstanceOf(UnknownHostException.class)
                .hasMessageStartingWith("Refused to call " + host + ": ")
                .hasMessageContaining("RUNWIRE_HTTP_ALLOW_PRIVATE=true")
                .hasMessageContaining("RUNWIRE_HTTP_ALLOWED_HOSTS");
    }

    @Test
    void theMessageSaysWhichAddressWasRefusedAndWhy() {
        assertThatThrownBy(() -> resolver.resolve("2130706433"))
                .isInstanceOf(TargetRefusedException.class)
                .hasMessage("Refused to call 2130706433: 127.0.0.1 is a loopback address. Outgoing calls to private, "
                        + "loopback and link-local addresses are disabled; set RUNWIRE_HTTP_ALLOW_PRIVATE=true or list "
                        + "the host in RUNWIRE_HTTP_ALLOWED_HOSTS")
                .satisfies(e -> {
                    TargetRefusedException refused = (TargetRefusedException) e;
                    assertThat(refused.host()).isEqualTo("2130706433");
                    assertThat(refused.reason()).isEqualTo("127.0.0.1 is a loopback address");
                });
    }

    @Test
    void aPublicLiteralResolvesToItself() throws UnknownHostException {
        assertThat(resolver.resolve("8.8.8.8")).containsExactly(InetAddress.getByName("8.8.8.8"));
        assertThat(resolver.resolve("2001:4860:4860::8888")).containsExactly(InetAddress.getByName("2001:4860:4860::8888"));
    }

    @Test
    void anAllowListedHostResolvesWhateverItsAddresses() throws UnknownHostException {
        GuardedDnsResolver listed = new GuardedDnsResolver(new TargetAddressGuard(false, List.of("localhost")));

        assertThat(listed.resolve("localhost")).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
        assertThatThrownBy(() -> listed.resolve("127.0.0.1")).isInstanceOf(TargetRefusedException.class);
    }

    @Test
    void allowPrivateLetsLoopbackThrough() throws UnknownHostException {
        GuardedDnsResolver open = new GuardedDnsResolver(new TargetAddressGuard(true, List.of()));

        assertThat(open.resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(open.resolve("localhost")).isNotEmpty();
    }
}
