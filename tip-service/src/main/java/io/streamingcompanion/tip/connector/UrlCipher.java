package io.streamingcompanion.tip.connector;

import io.quarkus.runtime.Startup;
import io.streamingcompanion.commons.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts feed URLs at rest (they carry the creator's platform token): AES-256-GCM with a fresh 96-bit nonce
 * per value, bound to its row (creator and platform as associated data, so a value copied to another row does
 * not decrypt). The key is derived from {@code STREAMING_CONNECTOR_ENCRYPTION_KEY}, which has no default: the
 * service does not start without a real one.
 */
@Startup
@ApplicationScoped
public class UrlCipher {

    public static final String PROPERTY = "streaming.connector-encryption-key";
    public static final String ENVIRONMENT = "STREAMING_CONNECTOR_ENCRYPTION_KEY";
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public UrlCipher(@ConfigProperty(name = PROPERTY) Optional<String> secret) {
        this.key = new SecretKeySpec(derive(Secrets.requireReal(ENVIRONMENT, secret.orElse(null), 32)), "AES");
    }

    public String encrypt(String plain, String creatorId, String platform) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated(creatorId, platform));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a feed URL", e);
        }
    }

    /** @throws IllegalStateException (without the value) when it was not sealed by this key for this row */
    public String decrypt(String sealed, String creatorId, String platform) {
        try {
            if (!sealed.startsWith(VERSION)) {
                throw new IllegalStateException("Unknown feed URL encryption version");
            }
            byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associated(creatorId, platform));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored feed URL could not be decrypted (another key, or altered)");
        }
    }

    private static byte[] associated(String creatorId, String platform) {
        return (platform + "\u0000" + creatorId).getBytes(StandardCharsets.UTF_8);
    }

    /** An AES-256 key from the configured secret, whatever its form (hex, base64, passphrase of 32+ characters). */
    private static byte[] derive(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("streaming-companion/connector-feed-url/v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
