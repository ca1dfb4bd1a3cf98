package io.runwire.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** API keys: random tokens shown once, stored only as a SHA-256 hash with a short visible prefix. */
public final class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SCHEME = "rw_";
    private static final int PREFIX_LENGTH = 10;

    private ApiTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The few characters a user sees to tell their keys apart; too short to help anyone guess the rest. */
    public static String prefix(String token) {
        return token.substring(0, Math.min(PREFIX_LENGTH, token.length()));
    }
}
