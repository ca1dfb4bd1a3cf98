package io.runwire.security;

public enum TeamRole {
    TEAM_ADMIN, RESPONDER, OBSERVER
}
