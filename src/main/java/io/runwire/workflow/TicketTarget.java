package io.runwire.workflow;

import io.runwire.crypto.SecretPlace;

/**
 * Where a jira or linear node's requests go, with the connection's credentials already in the form runbook-call-target
 * decrypts at the moment of the call: no token travels in plain text between the steps of the route.
 */
public record TicketTarget(String baseUrl, String authCiphertext, SecretPlace authPlace) {
}
