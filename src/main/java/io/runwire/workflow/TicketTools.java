package io.runwire.workflow;

import io.runwire.connections.TicketConnections;
import io.runwire.db.StoredJson;
import org.springframework.stereotype.Component;

/** What every ticket action ({@link TicketAction}) works with. */
@Component
public record TicketTools(ActionExchanges exchanges, ActionTemplates templates, ActionResults results,
                          TicketConnections connections, TicketCalls calls, StoredJson storedJson,
                          TicketMarkers markers) {
}
