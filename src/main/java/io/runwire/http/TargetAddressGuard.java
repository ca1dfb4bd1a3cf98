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
 * Decides whether Runwire may connect to an address. Loopback, private, link-local, metadata and other internal
 * ranges are refused, including IPv6 forms that carry such an IPv4 address inside, unless
 * {@code RUNWIRE_HTTP_ALLOW_PRIVATE} opens them all or {@code RUNWIRE_HTTP_ALLOWED_HOSTS} names the host.
 */
public final class TargetAddressGuard {

    /** Whether an address may be called, and why, in words an operator can act on. */
    public record Verdict(boolean allowed, String reason) {
    }

    // first match wins: the metadata addresses sit inside wider ranges and must name themselves
    private static final List<Range> INTERNAL = List.of(
            Range.of("169.254.169.254/32", "a cloud metadata address"),
            Range.of("100.100.100.200/32", "a cloud metadata address"),
            Range.of("fd00:ec2::254/128", "a cloud metadata address"),
            Range.of("0.0.0.0/32", "the unspecified address"),
            Range.of("0.0.0.0/8", "a 'this network' address"),
            Range.of("127.0.0.0/8", "a loopback address"),
            Range.of("10.0.0.0/8", "a private address"),
            Range.of("172.16.0.0/12", "a private address"),
            Range.of("192.168.0.0/16", "a private address"),
            Range.of("100.64.0.0/10", "a carrier-grade NAT address"),
            Range.of("169.254.0.0/16", "a link-local address"),
            Range.of("192.0.0.0/24", "an IETF protocol address"), // holds Oracle Cloud's metadata 192.0.0.192
            Range.of("224.0.0.0/4", "a multicast address"),
            Range.of("255.255.255.255/32", "the broadcast address"),
            Range.of("240.0.0.0/4", "a reserved address"),
            Range.of("::/128", "the unspecified address"),
            Range.of("::1/128", "a loopback address"),
            Range.of("fc00::/7", "a unique-local address"),
            Range.of("fe80::/10", "a link-local address"),
            Range.of("fec0::/10", "a site-local address"),
            Range.of("ff00::/8", "a multicast address"),
            Range.of("64:ff9b:1::/48", "a local-use NAT64 address"));

    /** IPv6 ranges that reach an IPv4 address written in their bytes; judged by that IPv4 address. */
    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(new Range(HexFormat.of().parseHex("00000000000000000000ffff00000000"), 96, "IPv4-mapped"), 12),
            new Embedding(Range.of("::/96", "IPv4-compatible"), 12),
            new Embedding(Range.of("64:ff9b::/96", "NAT64"), 12),
            new Embedding(Range.of("2002::/16", "6to4"), 2));

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
        for (Range range : INTERNAL) {
            if (range.contains(address)) {
                return Optional.of("is " + range.label());
            }
        }
        for (Embedding embedding : EMBEDDINGS) {
            if (embedding.range().contains(address)) {
                byte[] ipv4 = Arrays.copyOfRange(address, embedding.offset(), embedding.offset() + 4);
                return internal(ipv4).map(what -> "embeds " + ipv4Text(ipv4) + " (" + embedding.range().label()
                        + "), which " + what);
            }
        }
        return Optional.empty();
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

    private record Range(byte[] network, int prefixLength, String label) {

        static Range of(String cidr, String label) {
            String[] parts = cidr.split("/");
            try {
                // literals only: getByName never asks DNS for them
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                return new Range(network, Integer.parseInt(parts[1]), label);
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

    private record Embedding(Range range, int offset) {
    }
}
