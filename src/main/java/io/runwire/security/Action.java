package io.runwire.security;

/** What a caller may try to do, and the least a caller must be to do it. */
public enum Action {
    VIEW_TEAM(Scope.ANYONE, "view it"),
    CREATE_TEAM(Scope.PLATFORM_ADMIN, "create teams"),
    CREATE_USER(Scope.PLATFORM_ADMIN, "create users"),
    MINT_KEY_FOR_OTHERS(Scope.PLATFORM_ADMIN, "create API keys for other users"),
    REENCRYPT_SECRETS(Scope.PLATFORM_ADMIN, "re-encrypt the stored secrets"),
    MANAGE_MEMBERS(Scope.TEAM_ADMIN, "manage its members"),
    CREATE_INCIDENT(Scope.RESPONDER, "open incidents for it"),
    RESPOND_TO_INCIDENT(Scope.RESPONDER, "respond to its incidents"),
    EXECUTE_RUNBOOK(Scope.RESPONDER, "execute runbooks on its incidents"),
    EXECUTE_WORKFLOW(Scope.RESPONDER, "execute workflows on its incidents"),
    MANAGE_RUNBOOKS(Scope.TEAM_ADMIN, "manage its runbooks"),
    APPROVE_RUNBOOKS(Scope.TEAM_ADMIN, "approve its runbooks"),
    MANAGE_WORKFLOWS(Scope.TEAM_ADMIN, "manage its workflows"),
    MANAGE_CONNECTIONS(Scope.TEAM_ADMIN, "manage its Jira and Linear connections"),
    VIEW_AUDIT(Scope.TEAM_ADMIN, "read its audit log");

    enum Scope { ANYONE, RESPONDER, TEAM_ADMIN, PLATFORM_ADMIN }

    final Scope scope;
    final String phrase;

    Action(Scope scope, String phrase) {
        this.scope = scope;
        this.phrase = phrase;
    }
}
