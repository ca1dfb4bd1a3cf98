package io.runwire.workflow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a ticket-opening node puts on its issue so that a re-run of the same node (a retry, a resume after a crash)
 * can find it: derived from {@code <workflowExecutionId>:<nodeId>} alone, the same on every run and every replica.
 */
@Component("ticketMarkers")
public class TicketMarkers {

    /** A Jira label {@code runwire-<16 hex digits>}: labels hold no spaces, and JQL finds them exactly. */
    public String jiraLabel(String workflowExecutionId, String nodeId) {
        return "runwire-" + HexFormat.of().formatHex(digest(workflowExecutionId, nodeId), 0, 8);
    }

    /** A UUID in version 4 form (what Linear's IssueCreateInput.id asks for), chosen by Runwire, not at random. */
    public String linearIssueId(String workflowExecutionId, String nodeId) {
        ByteBuffer bytes = ByteBuffer.wrap(digest(workflowExecutionId, nodeId));
        long high = (bytes.getLong() & ~0xF000L) | 0x4000L;
        long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static byte[] digest(String workflowExecutionId, String nodeId) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((workflowExecutionId + ":" + nodeId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
