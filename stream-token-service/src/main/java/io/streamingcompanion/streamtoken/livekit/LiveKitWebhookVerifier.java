package io.streamingcompanion.streamtoken.livekit;

import com.google.protobuf.InvalidProtocolBufferException;
import io.livekit.server.WebhookReceiver;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.streamtoken.config.LiveKitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * Verifies a LiveKit webhook with the SDK's {@link WebhookReceiver} before anything of it is used: the
 * {@code Authorization} header must be a JWT signed with our API secret, issued by our API key, not expired, whose
 * {@code sha256} claim is the base64 SHA-256 of the body exactly as received. Only then is the body parsed.
 */
@ApplicationScoped
public class LiveKitWebhookVerifier {

    private final WebhookReceiver receiver;

    public LiveKitWebhookVerifier(LiveKitConfig config) {
        this.receiver = new WebhookReceiver(config.apiKey(), config.apiSecret());
    }

    /**
     * @param rawBody the request body bytes as received
     * @throws ApiException 401 when the signature does not verify over these bytes, 400 when a correctly signed
     *                      body is not a webhook event
     */
    public WebhookEvent verify(byte[] rawBody, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("The Authorization header with LiveKit's signed token is missing");
        }
        // The SDK hashes body.toByteArray() (UTF-8). Decoding strictly makes that exactly rawBody again: bytes that
        // are not valid UTF-8 could not round-trip, so they are refused rather than hashed as something else.
        String body;
        try {
            body = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(rawBody)).toString();
        } catch (CharacterCodingException e) {
            throw unauthorized("The webhook body is not UTF-8, so it cannot match LiveKit's signature");
        }
        try {
            return receiver.receive(body, authorization.strip());
        } catch (Exception e) {
            if (e instanceof InvalidProtocolBufferException) {
                throw ApiException.badRequest("The signed webhook body is not a LiveKit WebhookEvent");
            }
            // JWTVerificationException (bad signature, wrong issuer, expired, not a JWT) or the checksum mismatch.
            throw unauthorized("The webhook signature does not verify: " + reason(e));
        }
    }

    private static String reason(Exception e) {
        String name = e.getClass().getSimpleName();
        if (name.contains("Expired")) {
            return "the token has expired";
        }
        if (name.contains("SignatureVerification")) {
            return "not signed with this service's LiveKit API secret";
        }
        if (name.contains("IncorrectClaim") || name.contains("MissingClaim")) {
            return "not issued for this service's LiveKit API key";
        }
        if (name.contains("JWTDecode")) {
            return "the Authorization header is not a JWT";
        }
        if (e instanceof IllegalArgumentException) {
            return "the body's SHA-256 does not match the signed checksum";
        }
        return "rejected";
    }

    private static ApiException unauthorized(String detail) {
        return new ApiException(401, "urn:streaming:problem:invalid-webhook-signature", "Unauthorized", detail);
    }
}
