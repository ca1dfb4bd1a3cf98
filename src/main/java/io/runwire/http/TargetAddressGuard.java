package io.runwire.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether Runwire may connect to an address. Every block that the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries mark not globally reachable is refused, with cloud metadata addresses, multicast and IPv6 outside the
 * global unicast space 2000::/3; IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by
 * that address, and Teredo is refused whole. {@code RUNWIRE_HTTP_ALLOW_PRIVATE} opens them all and
 * {@code RUNWIRE_HTTP_ALLOWED_HOSTS} lets named hosts through. TargetAddressGuardTest cites the registry row of each.
 */
public final class TargetAddressGuard {

    /** Whether an address may be called, and why, in words an operator can act on. */
    public record Verdict(boolean allowed, String reason) {
    }

    // first match wins: a row inside a wider block comes before it and names itself
    private static final List<Row> ROWS = List.of(
            Row.refused("169.254.169.254/32", "a cloud metadata address"),
            Row.refused("100.100.100.200/32", "a cloud metadata address"), // Alibaba Cloud
            Row.refused("192.0.0.192/32", "a cloud metadata address"), // Oracle Cloud (Classic)
            Row.refused("168.63.129.16/32", "a cloud metadata address"), // Azure WireServer, a public address only inside Azure
            Row.refused("fd00:ec2::254/128", "a cloud metadata address"), // AWS over IPv6

            // IPv4 Special-Purpose Address Registry
            Row.refused("0.0.0.0/32", "the unspecified address"),
            Row.refused("0.0.0.0/8", "a 'this network' address"),
            Row.refused("10.0.0.0/8", "a private address"),
            Row.refused("100.64.0.0/10", "a carrier-grade NAT address"),
            Row.refused("127.0.0.0/8", "a loopback address"),
            Row.refused("169.254.0.0/16", "a link-local address"),
            Row.refused("172.16.0.0/12", "a private address"),
            Row.refused("192.0.0.0/29", "an IPv4 service continuity (DS-Lite) address"),
            Row.refused("192.0.0.8/32", "the IPv4 dummy address"),
            // IANA marks these two anycast addresses globally reachable, but the nearest server answers: the local network's
            Row.refused("192.0.0.9/32", "the Port Control Protocol anycast address, answered by a nearby NAT gateway"),
            Row.refused("192.0.0.10/32", "the TURN anycast address, answered by a nearby relay"),
            Row.refused("192.0.0.170/31", "a NAT64 discovery address"),
            Row.refused("192.0.0.0/24", "an IETF protocol address"),
            Row.refused("192.0.2.0/24", "a documentation address"),
            Row.reachable("192.31.196.0/24"), // AS112-v4
            Row.reachable("192.52.193.0/24"), // AMT
            Row.refused("192.88.99.0/24", "a deprecated 6to4 relay anycast address"),
            Row.refused("192.168.0.0/16", "a private address"),
            Row.reachable("192.175.48.0/24"), // AS112 direct delegation
            Row.refused("198.18.0.0/15", "a benchmarking address"),
            Row.refused("198.51.100.0/24", "a documentation address"),
            Row.refused("203.0.113.0/24", "a documentation address"),
            Row.refused("224.0.0.0/4", "a multicast address"),
            Row.refused("255.255.255.255/32", "the broadcast address"),
            Row.refused("240.0.0.0/4", "a reserved address"),

            // IPv6 Special-Purpose Address Registry
            Row.refused("::/128", "the unspecified address"),
            Row.refused("::1/128", "a loopback address"),
            Row.embedding(HexFormat.of().parseHex("00000000000000000000ffff00000000"), 96, "IPv4-mapped", 12),
            Row.refused("::ffff:0:0:0/96", "an obsolete IPv4-translated address"),
            Row.embedding("::/96", "IPv4-compatible", 12),
            Row.embedding("64:ff9b::/96", "NAT64", 12),
            Row.refused("64:ff9b:1::/48", "a local-use NAT64 address"),
            Row.refused("100::/64", "a discard-only address"),
            Row.refused("100:0:0:1::/64", "a dummy IPv6 prefix address"),
            // globally reachable per IANA, refused like their IPv4 twins: the nearest server answers
            Row.refused("2001:1::1/128", "the Port Control Protocol anycast address, answered by a nearby NAT gateway"),
            Row.refused("2001:1::2/128", "the TURN anycast address, answered by a nearby relay"),
            Row.refused("2001:1::3/128", "the DNS-SD service registration anycast address, answered by a nearby router"),
            Row.refused("2001:2::/48", "a benchmarking address"),
            Row.reachable("2001:3::/32"), // AMT
            Row.reachable("2001:4:112::/48"), // AS112-v6
            Row.refused("2001:10::/28", "a deprecated ORCHID address"),
            Row.reachable("2001:20::/28"), // ORCHIDv2
            Row.reachable("2001:30::/28"), // drone remote ID entity tags
            Row.teredo("2001::/32"),
            Row.refused("2001::/23", "an IETF protocol address"),
            Row.refused("2001:db8::/32", "a documentation address"),
            Row.embedding("2002::/16", "6to4", 2),
            Row.reachable("2620:4f:8000::/48"), // AS112 direct delegation
            Row.refused("3fff::/20", "a documentation address"),
            Row.refused("5f00::/16", "an SRv6 segment identifier"),
            Row.refused("fc00::/7", "a unique-local address"),
            Row.refused("fe80::/10", "a link-local address"),
            Row.refused("fec0::/10", "a site-local address"),
            Row.refused("ff00::/8", "a multicast address"),
            Row.reachable("2000::/3"),
            Row.refused("::/0", "a reserved address, outside IPv6 global unicast (2000::/3)"));

    private final boolean allowPrivate;
    private final Set<String> allowedHosts;

    public TargetAddressGuard(boolean allowPrivate, Collection<String> allowedHosts) {
        this.allowPrivate = allowPrivate;
        this.allowedHosts = allowedHosts.stream().filter(host -> !host.isBlank())
                .map(TargetAddressGuard::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** Hosts listed in {@code RUNWIRE_HTTP_ALLOWED_HOSTS} may be called whatever they resolve to. */
    public boolean isAllowListed(String host) {
        return allowedHosts.contains(normalize(host));
    }

    public Verdict check(InetAddress address) {
        String shown = address.getHostAddress();
        Optional<String> internal = internal(address.getAddress());
        if (internal.isEmpty()) {
            return new Verdict(true, shown + " is a public address");
        }
        if (allowPrivate) {
            return new Verdict(true, shown + " " + internal.get() + ", allowed by RUNWIRE_HTTP_ALLOW_PRIVATE");
        }
        return new Verdict(false, shown + " " + internal.get());
    }

    /** What makes an address internal, as the rest of a sentence about it; empty when it is public. */
    private static Optional<String> internal(byte[] address) {
        for (Row row : ROWS) {
            if (row.range().contains(address)) {
                return switch (row.kind()) {
                    case REFUSED -> Optional.of("is " + row.label());
                    case REACHABLE -> Optional.empty();
                    case EMBEDS_IPV4 -> internalIpv4(address, row.ipv4Offset(), false)
                            .map(inside -> "embeds " + inside.ipv4() + " (" + row.label() + "), which " + inside.what());
                    case TEREDO -> Optional.of(teredo(address));
                };
            }
        }
        return Optional.empty();
    }

    /** An internal IPv4 address carried inside an IPv6 one, and what makes it internal. */
    private record Inside(String ipv4, String what) {
    }

    private static Optional<Inside> internalIpv4(byte[] address, int offset, boolean inverted) {
        byte[] ipv4 = ipv4At(address, offset, inverted);
        return internal(ipv4).map(what -> new Inside(ipv4Text(ipv4), what));
    }

    /**
     * Teredo (RFC 4380) carries its server's IPv4 address in bits 32..63 and its client's, inverted, in the last 32.
     * Refused whole: the tunnel ends wherever the client's NAT forwards a UDP port, which no address check can see.
     */
    private static String teredo(byte[] address) {
        Optional<Inside> client = internalIpv4(address, 12, true);
        if (client.isPresent()) {
            return "embeds the Teredo client " + client.get().ipv4() + ", which " + client.get().what();
        }
        Optional<Inside> server = internalIpv4(address, 4, false);
        if (server.isPresent()) {
            return "embeds the Teredo server " + server.get().ipv4() + ", which " + server.get().what();
        }
        return "is a Teredo tunnel address (client " + ipv4Text(ipv4At(address, 12, true)) + ", server "
                + ipv4Text(ipv4At(address, 4, false)) + "); Runwire does not call through Teredo tunnels";
    }

    private static byte[] ipv4At(byte[] address, int offset, boolean inverted) {
        byte[] ipv4 = Arrays.copyOfRange(address, offset, offset + 4);
        for (int i = 0; inverted && i < ipv4.length; i++) {
            ipv4[i] = (byte) ~ipv4[i];
        }
        return ipv4;
    }

    private static String ipv4Text(byte[] ipv4) {
        try {
            return Inet4Address.getByAddress(ipv4).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("four bytes are an IPv4 address", e);
        }
    }

    private static String normalize(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.contains(":")) {
            try {
                // one spelling per IPv6 literal; a text with ':' is never looked up in DNS
                return InetAddress.getByName(name).getHostAddress();
            } catch (UnknownHostException e) {
                return name;
            }
        }
        return name;
    }

    private enum Kind { REFUSED, REACHABLE, EMBEDS_IPV4, TEREDO }

    /** One block of the table, what it is called in a reason, and how an address in it is judged. */
    private record Row(Range range, Kind kind, String label, int ipv4Offset) {

        static Row refused(String cidr, String label) {
            return new Row(Range.of(cidr), Kind.REFUSED, label, 0);
        }

        /** Globally reachable, though inside a block that is not: ends the search for this address. */
        static Row reachable(String cidr) {
            return new Row(Range.of(cidr), Kind.REACHABLE, "", 0);
        }

        static Row embedding(String cidr, String label, int ipv4Offset) {
            return new Row(Range.of(cidr), Kind.EMBEDS_IPV4, label, ipv4Offset);
        }

        /** For ::ffff:0:0/96, which InetAddress would turn into the IPv4 address 0.0.0.0. */
        static Row embedding(byte[] network, int prefixLength, String label, int ipv4Offset) {
            return new Row(new Range(network, prefixLength), Kind.EMBEDS_IPV4, label, ipv4Offset);
        }

        static Row teredo(String cidr) {
            return new Row(Range.of(cidr), Kind.TEREDO, "Teredo", 0);
        }
    }

    private record Range(byte[] network, int prefixLength) {

        static Range of(String cidr) {
            String[] parts = cidr.split("/");
            try {
                // literals only: getByName never asks DNS for them
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                return new Range(network, Integer.parseInt(parts[1]));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefixLength / 8;
            if (!Arrays.equals(address, 0, whole, network, 0, whole)) {
                return false;
            }
            int rest = prefixLength % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
