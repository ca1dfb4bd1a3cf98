package io.runwire.security;

public enum PlatformRole {
    ADMIN, USER
}
