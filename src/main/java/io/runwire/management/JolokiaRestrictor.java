package io.runwire.management;

import org.jolokia.server.core.restrictor.AllowAllRestrictor;

/**
 * Jolokia's policy ({@code management.endpoint.jolokia.config.restrictorClass}). Who may call the agent is decided
 * before it, by {@link io.runwire.api.ManagementGateFilter} (platform admins, same origin only); what is left here is
 * CORS: without a policy Jolokia answers every Origin with {@code Access-Control-Allow-Origin} and credentials, which
 * would let any web page an admin visits read and run JMX through the admin's session. This restrictor answers none.
 */
public class JolokiaRestrictor extends AllowAllRestrictor {

    @Override
    public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
        // true for the strict check (that is the gate's), false for whether to send CORS headers
        return onlyWhenStrictCheckingIsEnabled;
    }
}
