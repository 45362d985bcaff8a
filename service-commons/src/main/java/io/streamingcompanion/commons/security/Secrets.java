package io.streamingcompanion.commons.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * The rule every secret of the suite follows: it comes from the environment, never from a default, and a
 * service refuses to start with one that is missing, a known placeholder or too short to resist guessing.
 */
public final class Secrets {

    /** Values from examples, templates and the LiveKit dev server: public knowledge, so never secrets. */
    private static final Set<String> PLACEHOLDERS = Set.of("secret", "devkey", "change-me", "changeme", "change_me",
            "password", "placeholder", "example", "test", "dev", "default", "admin", "streaming", "replace-me");

    private Secrets() {
    }

    /**
     * @return the value, when it can be a real secret
     * @throws IllegalStateException naming the variable (never the value) when it cannot
     */
    public static String requireReal(String environmentName, String value, int minLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(environmentName + " is not set; this service does not start without it");
        }
        String normalised = value.strip().toLowerCase(Locale.ROOT);
        if (PLACEHOLDERS.contains(normalised) || normalised.startsWith("change") || normalised.startsWith("replace")
                || normalised.startsWith("<") || normalised.startsWith("${")) {
            throw new IllegalStateException(environmentName + " is a placeholder, not a secret; set a generated value"
                    + " (e.g. openssl rand -hex 32)");
        }
        if (value.length() < minLength) {
            throw new IllegalStateException(environmentName + " must be at least " + minLength + " characters");
        }
        return value;
    }

    /** Compares a presented secret with the expected one in time that does not depend on where they differ. */
    public static boolean matches(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
