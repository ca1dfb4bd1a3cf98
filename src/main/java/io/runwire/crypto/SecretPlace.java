package io.runwire.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Where a ciphertext belongs: {@code <table>/<row id>/<field>}, sealed into it as AES-GCM associated data, so a
 * ciphertext copied to another row or field does not decrypt there. Copies of a secret that must keep decrypting
 * (versions, execution snapshots) name the row the secret was written for, not the row that holds the copy.
 */
public record SecretPlace(String name) {

    /**
     * A runbook's {@code webhook_auth}, and its copies in runbook_versions and in runbook_executions'
     * definition_snapshot: those rows hold the runbook's id, and a copy only ever serves that runbook.
     */
    public static SecretPlace runbookAuth(Object runbookId) {
        return new SecretPlace("runbooks/" + runbookId + "/webhook_auth");
    }

    /**
     * A workflow webhook action's {@code auth}, and its copies in workflow_versions and workflow_executions'
     * definition_snapshot (a rollback restores it to the same workflow and node). A duplicate is a new workflow: its
     * copy is encrypted anew for it.
     */
    public static SecretPlace workflowNodeAuth(Object workflowId, String nodeId) {
        return new SecretPlace("workflows/" + workflowId + "/nodes/" + nodeId + "/auth");
    }

    /** A stored Jira or Linear connection's {@code secret}. */
    public static SecretPlace connectionSecret(Object connectionId) {
        return new SecretPlace("connections/" + connectionId + "/secret");
    }

    /**
     * The credentials of one outgoing ticket call, sealed only for the trip through runbook-call-target (never
     * stored), bound to that call.
     */
    public static SecretPlace ticketCall(String callId) {
        return new SecretPlace("ticket_calls/" + callId + "/auth");
    }

    /** A runbook's or a webhook node's signing secret (signing_secrets); it is only ever read in its own row. */
    public static SecretPlace signingSecret(Object secretId) {
        return new SecretPlace("signing_secrets/" + secretId + "/secret");
    }

    /** The write-only parameters of one runbook execution; a rerun decrypts them here and encrypts them anew. */
    public static SecretPlace executionParameters(Object executionId) {
        return new SecretPlace("runbook_executions/" + executionId + "/parameters");
    }

    byte[] associatedData() {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name;
    }
}
