package io.runwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Addresses are built from literals and bytes: no DNS, no sockets. The table walks the IANA IPv4 and IPv6
 * Special-Purpose Address Registries row by row (first and last address of each block, and just outside it), plus the
 * blocks the guard refuses beyond them (metadata, multicast, obsolete IPv6 forms, IPv6 outside 2000::/3).
 */
class TargetAddressGuardTest {

    private static final String PUBLIC = "is a public address";
    private static final String RESERVED_V6 = "is a reserved address, outside IPv6 global unicast (2000::/3)";
    private static final String IETF = "is an IETF protocol address";

    /** address | allowed | the reason ends with | the registry row it stands for. */
    private static final String TABLE = """
            0.0.0.0         | false | is the unspecified address        | IPv4 SPAR 0.0.0.0/32 This host on this network, RFC 1122 3.2.1.3
            0.0.0.1         | false | is a 'this network' address       | IPv4 SPAR 0.0.0.0/8 This network, RFC 791 3.2
            0.255.255.255   | false | is a 'this network' address       | IPv4 SPAR 0.0.0.0/8 This network, RFC 791 3.2
            1.0.0.0         | true  | %1$s                              | just outside 0.0.0.0/8
            9.255.255.255   | true  | %1$s                              | just outside 10.0.0.0/8
            10.0.0.0        | false | is a private address              | IPv4 SPAR 10.0.0.0/8 Private-Use, RFC 1918
            10.255.255.255  | false | is a private address              | IPv4 SPAR 10.0.0.0/8 Private-Use, RFC 1918
            11.0.0.0        | true  | %1$s                              | just outside 10.0.0.0/8
            100.63.255.255  | true  | %1$s                              | just outside 100.64.0.0/10
            100.64.0.0      | false | is a carrier-grade NAT address    | IPv4 SPAR 100.64.0.0/10 Shared Address Space, RFC 6598
            100.127.255.255 | false | is a carrier-grade NAT address    | IPv4 SPAR 100.64.0.0/10 Shared Address Space, RFC 6598
            100.128.0.0     | true  | %1$s                              | just outside 100.64.0.0/10
            100.100.100.200 | false | is a cloud metadata address       | Alibaba Cloud metadata, inside RFC 6598
            126.255.255.255 | true  | %1$s                              | just outside 127.0.0.0/8
            127.0.0.0       | false | is a loopback address             | IPv4 SPAR 127.0.0.0/8 Loopback, RFC 1122 3.2.1.3
            127.255.255.255 | false | is a loopback address             | IPv4 SPAR 127.0.0.0/8 Loopback, RFC 1122 3.2.1.3
            128.0.0.0       | true  | %1$s                              | just outside 127.0.0.0/8
            168.63.129.16   | false | is a cloud metadata address       | Azure WireServer, reachable only inside Azure
            168.63.129.17   | true  | %1$s                              | just outside the Azure WireServer
            169.253.255.255 | true  | %1$s                              | just outside 169.254.0.0/16
            169.254.0.0     | false | is a link-local address           | IPv4 SPAR 169.254.0.0/16 Link Local, RFC 3927
            169.254.169.254 | false | is a cloud metadata address       | AWS, GCP, Azure, Oracle metadata, inside RFC 3927
            169.254.255.255 | false | is a link-local address           | IPv4 SPAR 169.254.0.0/16 Link Local, RFC 3927
            169.255.0.0     | true  | %1$s                              | just outside 169.254.0.0/16
            172.15.255.255  | true  | %1$s                              | just outside 172.16.0.0/12
            172.16.0.0      | false | is a private address              | IPv4 SPAR 172.16.0.0/12 Private-Use, RFC 1918
            172.31.255.255  | false | is a private address              | IPv4 SPAR 172.16.0.0/12 Private-Use, RFC 1918
            172.32.0.0      | true  | %1$s                              | just outside 172.16.0.0/12
            191.255.255.255 | true  | %1$s                              | just outside 192.0.0.0/24
            192.0.0.0       | false | is an IPv4 service continuity (DS-Lite) address | IPv4 SPAR 192.0.0.0/29 IPv4 Service Continuity Prefix, RFC 7335
            192.0.0.7       | false | is an IPv4 service continuity (DS-Lite) address | IPv4 SPAR 192.0.0.0/29 IPv4 Service Continuity Prefix, RFC 7335
            192.0.0.8       | false | is the IPv4 dummy address         | IPv4 SPAR 192.0.0.8/32 IPv4 dummy address, RFC 7600
            192.0.0.9       | false | is the Port Control Protocol anycast address, answered by a nearby NAT gateway | IPv4 SPAR 192.0.0.9/32 PCP Anycast, RFC 7723 (globally reachable, refused)
            192.0.0.10      | false | is the TURN anycast address, answered by a nearby relay | IPv4 SPAR 192.0.0.10/32 TURN Anycast, RFC 8155 (globally reachable, refused)
            192.0.0.11      | false | %2$s                              | IPv4 SPAR 192.0.0.0/24 IETF Protocol Assignments, RFC 6890 2.1
            192.0.0.169     | false | %2$s                              | IPv4 SPAR 192.0.0.0/24 IETF Protocol Assignments, RFC 6890 2.1
            192.0.0.170     | false | is a NAT64 discovery address      | IPv4 SPAR 192.0.0.170/32 NAT64/DNS64 Discovery, RFC 8880, RFC 7050 2.2
            192.0.0.171     | false | is a NAT64 discovery address      | IPv4 SPAR 192.0.0.171/32 NAT64/DNS64 Discovery, RFC 8880, RFC 7050 2.2
            192.0.0.172     | false | %2$s                              | IPv4 SPAR 192.0.0.0/24 IETF Protocol Assignments, RFC 6890 2.1
            192.0.0.192     | false | is a cloud metadata address       | Oracle Cloud metadata, inside RFC 6890 2.1
            192.0.0.255     | false | %2$s                              | IPv4 SPAR 192.0.0.0/24 IETF Protocol Assignments, RFC 6890 2.1
            192.0.1.0       | true  | %1$s                              | just outside 192.0.0.0/24
            192.0.1.255     | true  | %1$s                              | just outside 192.0.2.0/24
            192.0.2.0       | false | is a documentation address        | IPv4 SPAR 192.0.2.0/24 Documentation (TEST-NET-1), RFC 5737
            192.0.2.255     | false | is a documentation address        | IPv4 SPAR 192.0.2.0/24 Documentation (TEST-NET-1), RFC 5737
            192.0.3.0       | true  | %1$s                              | just outside 192.0.2.0/24
            192.31.196.0    | true  | %1$s                              | IPv4 SPAR 192.31.196.0/24 AS112-v4, RFC 7535 (globally reachable)
            192.31.196.255  | true  | %1$s                              | IPv4 SPAR 192.31.196.0/24 AS112-v4, RFC 7535 (globally reachable)
            192.52.193.0    | true  | %1$s                              | IPv4 SPAR 192.52.193.0/24 AMT, RFC 7450 (globally reachable)
            192.52.193.255  | true  | %1$s                              | IPv4 SPAR 192.52.193.0/24 AMT, RFC 7450 (globally reachable)
            192.88.98.255   | true  | %1$s                              | just outside 192.88.99.0/24
            192.88.99.0     | false | is a deprecated 6to4 relay anycast address | IPv4 SPAR 192.88.99.0/24 Deprecated (6to4 Relay Anycast), RFC 7526
            192.88.99.255   | false | is a deprecated 6to4 relay anycast address | IPv4 SPAR 192.88.99.0/24 Deprecated (6to4 Relay Anycast), RFC 7526
            192.88.100.0    | true  | %1$s                              | just outside 192.88.99.0/24
            192.167.255.255 | true  | %1$s                              | just outside 192.168.0.0/16
            192.168.0.0     | false | is a private address              | IPv4 SPAR 192.168.0.0/16 Private-Use, RFC 1918
            192.168.255.255 | false | is a private address              | IPv4 SPAR 192.168.0.0/16 Private-Use, RFC 1918
            192.169.0.0     | true  | %1$s                              | just outside 192.168.0.0/16
            192.175.48.0    | true  | %1$s                              | IPv4 SPAR 192.175.48.0/24 Direct Delegation AS112 Service, RFC 7534 (globally reachable)
            192.175.48.255  | true  | %1$s                              | IPv4 SPAR 192.175.48.0/24 Direct Delegation AS112 Service, RFC 7534 (globally reachable)
            198.17.255.255  | true  | %1$s                              | just outside 198.18.0.0/15
            198.18.0.0      | false | is a benchmarking address         | IPv4 SPAR 198.18.0.0/15 Benchmarking, RFC 2544
            198.19.255.255  | false | is a benchmarking address         | IPv4 SPAR 198.18.0.0/15 Benchmarking, RFC 2544
            198.20.0.0      | true  | %1$s                              | just outside 198.18.0.0/15
            198.51.99.255   | true  | %1$s                              | just outside 198.51.100.0/24
            198.51.100.0    | false | is a documentation address        | IPv4 SPAR 198.51.100.0/24 Documentation (TEST-NET-2), RFC 5737
            198.51.100.255  | false | is a documentation address        | IPv4 SPAR 198.51.100.0/24 Documentation (TEST-NET-2), RFC 5737
            198.51.101.0    | true  | %1$s                              | just outside 198.51.100.0/24
            203.0.112.255   | true  | %1$s                              | just outside 203.0.113.0/24
            203.0.113.0     | false | is a documentation address        | IPv4 SPAR 203.0.113.0/24 Documentation (TEST-NET-3), RFC 5737
            203.0.113.255   | false | is a documentation address        | IPv4 SPAR 203.0.113.0/24 Documentation (TEST-NET-3), RFC 5737
            203.0.114.0     | true  | %1$s                              | just outside 203.0.113.0/24
            223.255.255.255 | true  | %1$s                              | just outside 224.0.0.0/4
            224.0.0.0       | false | is a multicast address            | IPv4 Multicast Address Space 224.0.0.0/4, RFC 5771
            239.255.255.255 | false | is a multicast address            | IPv4 Multicast Address Space 224.0.0.0/4, RFC 5771
            240.0.0.0       | false | is a reserved address             | IPv4 SPAR 240.0.0.0/4 Reserved, RFC 1112 4
            255.255.255.254 | false | is a reserved address             | IPv4 SPAR 240.0.0.0/4 Reserved, RFC 1112 4
            255.255.255.255 | false | is the broadcast address          | IPv4 SPAR 255.255.255.255/32 Limited Broadcast, RFC 8190, RFC 919 7
            1.1.1.1         | true  | %1$s                              | a public resolver
            8.8.8.8         | true  | %1$s                              | a public resolver

            ::                | false | is the unspecified address      | IPv6 SPAR ::/128 Unspecified Address, RFC 4291
            ::1               | false | is a loopback address           | IPv6 SPAR ::1/128 Loopback Address, RFC 4291
            ::2               | false | embeds 0.0.0.2 (IPv4-compatible), which is a 'this network' address | just outside ::1/128: RFC 4291 2.5.5.1 IPv4-compatible (deprecated)
            ::10.0.0.1        | false | embeds 10.0.0.1 (IPv4-compatible), which is a private address | RFC 4291 2.5.5.1 IPv4-compatible (deprecated)
            ::8.8.8.8         | true  | %1$s                            | RFC 4291 2.5.5.1 IPv4-compatible (deprecated) of a public address
            ::255.255.255.255 | false | embeds 255.255.255.255 (IPv4-compatible), which is the broadcast address | RFC 4291 2.5.5.1 IPv4-compatible (deprecated)
            ::1:0:0           | false | %3$s                            | just outside ::/96
            ::fffe:ffff:ffff  | false | %3$s                            | just outside ::ffff:0:0/96
            ::ffff:0.0.0.0    | false | is the unspecified address      | IPv6 SPAR ::ffff:0:0/96 IPv4-mapped Address, RFC 4291
            ::ffff:10.0.0.1   | false | is a private address            | IPv6 SPAR ::ffff:0:0/96 IPv4-mapped Address, RFC 4291
            ::ffff:127.0.0.1  | false | is a loopback address           | IPv6 SPAR ::ffff:0:0/96 IPv4-mapped Address, RFC 4291
            ::ffff:255.255.255.255 | false | is the broadcast address   | IPv6 SPAR ::ffff:0:0/96 IPv4-mapped Address, RFC 4291
            ::ffff:8.8.8.8    | true  | %1$s                            | IPv6 SPAR ::ffff:0:0/96 IPv4-mapped Address, RFC 4291, of a public address
            ::1:0:0:0         | false | %3$s                            | just outside ::ffff:0:0/96
            ::ffff:0:0:0      | false | is an obsolete IPv4-translated address | ::ffff:0:0:0/96 IPv4-translated, RFC 2765 2.1 (obsoleted by RFC 6145)
            ::ffff:0:8.8.8.8  | false | is an obsolete IPv4-translated address | ::ffff:0:0:0/96 IPv4-translated, RFC 2765 2.1 (obsoleted by RFC 6145)
            ::ffff:0:ffff:ffff | false | is an obsolete IPv4-translated address | ::ffff:0:0:0/96 IPv4-translated, RFC 2765 2.1 (obsoleted by RFC 6145)
            ::ffff:1:0:0      | false | %3$s                            | just outside ::ffff:0:0:0/96
            64:ff9a:ffff:ffff:ffff:ffff:ffff:ffff | false | %3$s        | just outside 64:ff9b::/96
            64:ff9b::         | false | embeds 0.0.0.0 (NAT64), which is the unspecified address | IPv6 SPAR 64:ff9b::/96 IPv4-IPv6 Translation, RFC 6052
            64:ff9b::10.0.0.1 | false | embeds 10.0.0.1 (NAT64), which is a private address | IPv6 SPAR 64:ff9b::/96 IPv4-IPv6 Translation, RFC 6052
            64:ff9b::169.254.169.254 | false | embeds 169.254.169.254 (NAT64), which is a cloud metadata address | IPv6 SPAR 64:ff9b::/96 IPv4-IPv6 Translation, RFC 6052
            64:ff9b::8.8.8.8  | true  | %1$s                            | IPv6 SPAR 64:ff9b::/96 IPv4-IPv6 Translation, RFC 6052 (globally reachable)
            64:ff9b::255.255.255.255 | false | embeds 255.255.255.255 (NAT64), which is the broadcast address | IPv6 SPAR 64:ff9b::/96 IPv4-IPv6 Translation, RFC 6052
            64:ff9b::1:0:0    | false | %3$s                            | just outside 64:ff9b::/96
            64:ff9b:0:ffff:ffff:ffff:ffff:ffff | false | %3$s           | just outside 64:ff9b:1::/48
            64:ff9b:1::       | false | is a local-use NAT64 address    | IPv6 SPAR 64:ff9b:1::/48 IPv4-IPv6 Translation (local use), RFC 8215
            64:ff9b:1::8.8.8.8 | false | is a local-use NAT64 address   | IPv6 SPAR 64:ff9b:1::/48 IPv4-IPv6 Translation (local use), RFC 8215
            64:ff9b:1:ffff:ffff:ffff:ffff:ffff | false | is a local-use NAT64 address | IPv6 SPAR 64:ff9b:1::/48 IPv4-IPv6 Translation (local use), RFC 8215
            64:ff9b:2::       | false | %3$s                            | just outside 64:ff9b:1::/48
            ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | %3$s        | just outside 100::/64
            100::             | false | is a discard-only address       | IPv6 SPAR 100::/64 Discard-Only Address Block, RFC 6666
            100::ffff:ffff:ffff:ffff | false | is a discard-only address | IPv6 SPAR 100::/64 Discard-Only Address Block, RFC 6666
            100:0:0:1::       | false | is a dummy IPv6 prefix address  | IPv6 SPAR 100:0:0:1::/64 Dummy IPv6 Prefix, RFC 9780
            100:0:0:1:ffff:ffff:ffff:ffff | false | is a dummy IPv6 prefix address | IPv6 SPAR 100:0:0:1::/64 Dummy IPv6 Prefix, RFC 9780
            100:0:0:2::       | false | %3$s                            | just outside 100:0:0:1::/64
            1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | %3$s      | just outside 2000::/3
            2000::            | true  | %1$s                            | IPv6 Global Unicast 2000::/3, RFC 4291
            2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff | true | %1$s       | just outside 2001::/23
            2001::            | false | embeds the Teredo client 255.255.255.255, which is the broadcast address | IPv6 SPAR 2001::/32 TEREDO, RFC 4380, RFC 8190
            2001:0:4136:e378:8000:63bf:f7f7:f7f7 | false | is a Teredo tunnel address (client 8.8.8.8, server 65.54.227.120); Runwire does not call through Teredo tunnels | IPv6 SPAR 2001::/32 TEREDO, RFC 4380 (refused whole)
            2001:0:4136:e378:8000:63bf:f5ff:fffe | false | embeds the Teredo client 10.0.0.1, which is a private address | IPv6 SPAR 2001::/32 TEREDO, RFC 4380, client 10.0.0.1
            2001:0:4136:e378:8000:63bf:80ff:fffe | false | embeds the Teredo client 127.0.0.1, which is a loopback address | IPv6 SPAR 2001::/32 TEREDO, RFC 4380, client 127.0.0.1
            2001:0:4136:e378:8000:63bf:5601:5601 | false | embeds the Teredo client 169.254.169.254, which is a cloud metadata address | IPv6 SPAR 2001::/32 TEREDO, RFC 4380, client 169.254.169.254
            2001:0:a00:1:8000:63bf:f7f7:f7f7 | false | embeds the Teredo server 10.0.0.1, which is a private address | IPv6 SPAR 2001::/32 TEREDO, RFC 4380, server 10.0.0.1
            2001:0:ffff:ffff:ffff:ffff:ffff:ffff | false | embeds the Teredo client 0.0.0.0, which is the unspecified address | IPv6 SPAR 2001::/32 TEREDO, RFC 4380, RFC 8190
            2001:1::          | false | %2$s                            | IPv6 SPAR 2001::/23 IETF Protocol Assignments, RFC 2928 (just outside Teredo)
            2001:1::1         | false | is the Port Control Protocol anycast address, answered by a nearby NAT gateway | IPv6 SPAR 2001:1::1/128 Port Control Protocol Anycast, RFC 7723 (globally reachable, refused)
            2001:1::2         | false | is the TURN anycast address, answered by a nearby relay | IPv6 SPAR 2001:1::2/128 TURN Anycast, RFC 8155 (globally reachable, refused)
            2001:1::3         | false | is the DNS-SD service registration anycast address, answered by a nearby router | IPv6 SPAR 2001:1::3/128 DNS-SD Service Registration Protocol Anycast, RFC 9665 (globally reachable, refused)
            2001:1::4         | false | %2$s                            | IPv6 SPAR 2001::/23 IETF Protocol Assignments, RFC 2928
            2001:2::          | false | is a benchmarking address       | IPv6 SPAR 2001:2::/48 Benchmarking, RFC 5180, RFC Errata 1752
            2001:2:0:ffff:ffff:ffff:ffff:ffff | false | is a benchmarking address | IPv6 SPAR 2001:2::/48 Benchmarking, RFC 5180, RFC Errata 1752
            2001:2:1::        | false | %2$s                            | just outside 2001:2::/48, inside 2001::/23 RFC 2928
            2001:3::          | true  | %1$s                            | IPv6 SPAR 2001:3::/32 AMT, RFC 7450 (globally reachable)
            2001:3:ffff:ffff:ffff:ffff:ffff:ffff | true | %1$s          | IPv6 SPAR 2001:3::/32 AMT, RFC 7450 (globally reachable)
            2001:4::          | false | %2$s                            | just outside 2001:3::/32, inside 2001::/23 RFC 2928
            2001:4:111:ffff:ffff:ffff:ffff:ffff | false | %2$s          | just outside 2001:4:112::/48, inside 2001::/23 RFC 2928
            2001:4:112::      | true  | %1$s                            | IPv6 SPAR 2001:4:112::/48 AS112-v6, RFC 7535 (globally reachable)
            2001:4:112:ffff:ffff:ffff:ffff:ffff | true | %1$s           | IPv6 SPAR 2001:4:112::/48 AS112-v6, RFC 7535 (globally reachable)
            2001:4:113::      | false | %2$s                            | just outside 2001:4:112::/48, inside 2001::/23 RFC 2928
            2001:f:ffff:ffff:ffff:ffff:ffff:ffff | false | %2$s         | just outside 2001:10::/28, inside 2001::/23 RFC 2928
            2001:10::         | false | is a deprecated ORCHID address  | IPv6 SPAR 2001:10::/28 Deprecated (previously ORCHID), RFC 4843
            2001:1f:ffff:ffff:ffff:ffff:ffff:ffff | false | is a deprecated ORCHID address | IPv6 SPAR 2001:10::/28 Deprecated (previously ORCHID), RFC 4843
            2001:20::         | true  | %1$s                            | IPv6 SPAR 2001:20::/28 ORCHIDv2, RFC 7343 (globally reachable)
            2001:2f:ffff:ffff:ffff:ffff:ffff:ffff | true | %1$s         | IPv6 SPAR 2001:20::/28 ORCHIDv2, RFC 7343 (globally reachable)
            2001:30::         | true  | %1$s                            | IPv6 SPAR 2001:30::/28 Drone Remote ID Protocol Entity Tags, RFC 9374 (globally reachable)
            2001:3f:ffff:ffff:ffff:ffff:ffff:ffff | true | %1$s         | IPv6 SPAR 2001:30::/28 Drone Remote ID Protocol Entity Tags, RFC 9374 (globally reachable)
            2001:40::         | false | %2$s                            | just outside 2001:30::/28, inside 2001::/23 RFC 2928
            2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff | false | %2$s       | IPv6 SPAR 2001::/23 IETF Protocol Assignments, RFC 2928
            2001:200::        | true  | %1$s                            | just outside 2001::/23
            2001:db7:ffff:ffff:ffff:ffff:ffff:ffff | true | %1$s        | just outside 2001:db8::/32
            2001:db8::        | false | is a documentation address      | IPv6 SPAR 2001:db8::/32 Documentation, RFC 3849
            2001:db8:ffff:ffff:ffff:ffff:ffff:ffff | false | is a documentation address | IPv6 SPAR 2001:db8::/32 Documentation, RFC 3849
            2001:db9::        | true  | %1$s                            | just outside 2001:db8::/32
            2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff | true | %1$s       | just outside 2002::/16
            2002::            | false | embeds 0.0.0.0 (6to4), which is the unspecified address | IPv6 SPAR 2002::/16 6to4, RFC 3056
            2002:a00:1::      | false | embeds 10.0.0.1 (6to4), which is a private address | IPv6 SPAR 2002::/16 6to4, RFC 3056
            2002:7f00:1::     | false | embeds 127.0.0.1 (6to4), which is a loopback address | IPv6 SPAR 2002::/16 6to4, RFC 3056
            2002:808:808::    | true  | %1$s                            | IPv6 SPAR 2002::/16 6to4, RFC 3056, of a public address
            2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | embeds 255.255.255.255 (6to4), which is the broadcast address | IPv6 SPAR 2002::/16 6to4, RFC 3056
            2003::            | true  | %1$s                            | just outside 2002::/16
            2620:4f:8000::    | true  | %1$s                            | IPv6 SPAR 2620:4f:8000::/48 Direct Delegation AS112 Service, RFC 7534 (globally reachable)
            2620:4f:8000:ffff:ffff:ffff:ffff:ffff | true | %1$s         | IPv6 SPAR 2620:4f:8000::/48 Direct Delegation AS112 Service, RFC 7534 (globally reachable)
            3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff | true | %1$s       | just outside 3fff::/20
            3fff::            | false | is a documentation address      | IPv6 SPAR 3fff::/20 Documentation, RFC 9637
            3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff | false | is a documentation address | IPv6 SPAR 3fff::/20 Documentation, RFC 9637
            3fff:1000::       | true  | %1$s                            | just outside 3fff::/20
            3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | true | %1$s       | IPv6 Global Unicast 2000::/3, RFC 4291
            4000::            | false | %3$s                            | just outside 2000::/3
            5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | %3$s      | just outside 5f00::/16
            5f00::            | false | is an SRv6 segment identifier   | IPv6 SPAR 5f00::/16 Segment Routing (SRv6) SIDs, RFC 9602
            5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | is an SRv6 segment identifier | IPv6 SPAR 5f00::/16 Segment Routing (SRv6) SIDs, RFC 9602
            5f01::            | false | %3$s                            | just outside 5f00::/16
            fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | %3$s      | just outside fc00::/7
            fc00::            | false | is a unique-local address       | IPv6 SPAR fc00::/7 Unique-Local, RFC 4193, RFC 8190
            fd00:ec2::254     | false | is a cloud metadata address     | AWS metadata over IPv6, inside RFC 4193
            fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | is a unique-local address | IPv6 SPAR fc00::/7 Unique-Local, RFC 4193, RFC 8190
            fe00::            | false | %3$s                            | just outside fc00::/7
            fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | %3$s      | just outside fe80::/10
            fe80::            | false | is a link-local address         | IPv6 SPAR fe80::/10 Link-Local Unicast, RFC 4291
            febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | is a link-local address | IPv6 SPAR fe80::/10 Link-Local Unicast, RFC 4291
            fec0::            | false | is a site-local address         | fec0::/10 Site-Local (deprecated), RFC 3879
            feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | is a site-local address | fec0::/10 Site-Local (deprecated), RFC 3879
            ff00::            | false | is a multicast address          | IPv6 Multicast Address Space ff00::/8, RFC 4291
            ff02::1           | false | is a multicast address          | IPv6 Multicast Address Space ff00::/8, RFC 4291
            ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | is a multicast address | IPv6 Multicast Address Space ff00::/8, RFC 4291
            2001:4860:4860::8888 | true | %1$s                          | a public resolver
            2606:4700:4700::1111 | true | %1$s                          | a public resolver
            """.formatted(PUBLIC, IETF, RESERVED_V6);

    private final TargetAddressGuard guard = new TargetAddressGuard(false, List.of());

    record Row(String address, boolean allowed, String reason, String registry) {
        @Override
        public String toString() {
            return address;
        }
    }

    static List<Row> table() {
        return TABLE.lines().filter(line -> !line.isBlank()).map(line -> {
            String[] cells = Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new);
            return new Row(cells[0], Boolean.parseBoolean(cells[1]), cells[2], cells[3]);
        }).toList();
    }

    static Stream<Arguments> registry() {
        return table().stream().map(row -> Arguments.of(row.registry(), row));
    }

    static Stream<Row> ipv4Rows() {
        return table().stream().filter(row -> !row.address().contains(":"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("registry")
    void judgesEachRowOfTheSpecialPurposeRegistries(String registry, Row row) throws UnknownHostException {
        TargetAddressGuard.Verdict verdict = guard.check(InetAddress.getByName(row.address()));

        assertThat(verdict.allowed()).as(verdict.reason()).isEqualTo(row.allowed());
        assertThat(verdict.reason()).endsWith(row.reason());
    }

    @ParameterizedTest(name = "{0} inside IPv6")
    @MethodSource("ipv4Rows")
    void anIpv4AddressCarriedInsideIpv6IsJudgedAsItself(Row row) throws UnknownHostException {
        byte[] ipv4 = InetAddress.getByName(row.address()).getAddress();
        String which = ", which " + row.reason();

        for (String[] form : List.of(new String[] {"::ffff:0:0", "IPv4-mapped"}, new String[] {"64:ff9b::", "NAT64"})) {
            assertJudged(embed(form[0], 12, ipv4), row.allowed(), row.allowed() ? PUBLIC
                    : "embeds " + row.address() + " (" + form[1] + ")" + which);
        }
        assertJudged(embed("2002::", 2, ipv4), row.allowed(), row.allowed() ? PUBLIC
                : "embeds " + row.address() + " (6to4)" + which);
        // ::0.0.0.0 and ::0.0.0.1 are the unspecified and loopback addresses, refused as such
        assertThat(guard.check(embed("::", 12, ipv4)).allowed()).as("IPv4-compatible").isEqualTo(row.allowed());
    }

    @ParameterizedTest(name = "{0} in a Teredo address")
    @MethodSource("ipv4Rows")
    void aTeredoAddressIsRefusedAndNamesAnInternalClientOrServer(Row row) throws UnknownHostException {
        byte[] ipv4 = InetAddress.getByName(row.address()).getAddress();
        byte[] inverted = ipv4.clone();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = (byte) ~inverted[i];
        }
        String which = ", which " + row.reason();
        // server 65.54.227.120 (public) is 4136:e378; flags 8000, port 63bf; client 8.8.8.8 (public) is f7f7:f7f7 inverted
        InetAddress asClient = embed("2001:0:4136:e378:8000:63bf::", 12, inverted);
        InetAddress asServer = embed("2001::8000:63bf:f7f7:f7f7", 4, ipv4);

        assertJudged(asClient, false, row.allowed()
                ? "is a Teredo tunnel address (client " + row.address() + ", server 65.54.227.120); "
                + "Runwire does not call through Teredo tunnels"
                : "embeds the Teredo client " + row.address() + which);
        assertJudged(asServer, false, row.allowed()
                ? "is a Teredo tunnel address (client 8.8.8.8, server " + row.address() + "); "
                + "Runwire does not call through Teredo tunnels"
                : "embeds the Teredo server " + row.address() + which);
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
        assertThat(guard.check(InetAddress.getByName("2001:db8::1")).reason())
                .isEqualTo("2001:db8:0:0:0:0:0:1 is a documentation address");
    }

    @Test
    void allowPrivateOpensEveryInternalAddressAndSaysWhy() throws UnknownHostException {
        TargetAddressGuard open = new TargetAddressGuard(true, List.of());

        for (String literal : List.of("127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "fd00::1", "64:ff9b::a00:1",
                "198.18.0.1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7", "5f00::1")) {
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

    /** The IPv6 literal {@code prefix} with four bytes written at {@code offset}, kept as IPv6 (never turned IPv4). */
    private static InetAddress embed(String prefix, int offset, byte[] ipv4) throws UnknownHostException {
        byte[] address = InetAddress.getByName(prefix).getAddress();
        if (address.length == 4) {
            // ::ffff:0:0 is read as the IPv4 address 0.0.0.0
            address = new byte[16];
            address[10] = (byte) 0xff;
            address[11] = (byte) 0xff;
        }
        System.arraycopy(ipv4, 0, address, offset, 4);
        return Inet6Address.getByAddress(null, address, -1);
    }

    private void assertJudged(InetAddress address, boolean allowed, String reasonEnd) {
        TargetAddressGuard.Verdict verdict = guard.check(address);

        assertThat(verdict.allowed()).as(verdict.reason()).isEqualTo(allowed);
        assertThat(verdict.reason()).isEqualTo(address.getHostAddress() + " " + reasonEnd);
    }
}
