package io.runwire.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * HttpClient asks its DnsResolver for every host it connects to, IP literals included, and connects to exactly the
 * addresses returned: checking them here leaves no gap between the check and the connection (DNS rebinding).
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final TargetAddressGuard guard;

    public GuardedDnsResolver(TargetAddressGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (guard.isAllowListed(host)) {
            return addresses;
        }
        // all or nothing: HttpClient falls through to the next address when one fails to connect
        for (InetAddress address : addresses) {
            TargetAddressGuard.Verdict verdict = guard.check(address);
            if (!verdict.allowed()) {
                throw new TargetRefusedException(host, verdict.reason());
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
