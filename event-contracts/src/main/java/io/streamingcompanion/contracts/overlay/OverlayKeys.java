package io.streamingcompanion.contracts.overlay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an overlay key is referred to without being held: lowercase hex SHA-256 of its UTF-8 bytes. The
 * issuer (session-service) and every reader (gateways) must compute it identically, so it lives here.
 */
public final class OverlayKeys {

    private OverlayKeys() {
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
