package io.streamingcompanion.streamtoken.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.streamtoken.config.LiveKitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * Verifies a LiveKit webhook before anything of it is used, as LiveKit's SDKs do, with one difference: the
 * {@code Authorization} header must be a JWT signed with our API secret (HS256), issued by our API key, within its
 * validity, whose {@code sha256} claim is the base64 SHA-256 of the body exactly as received; only then is the
 * body parsed. Unlike the SDK's receiver we allow a small clock skew ({@code livekit.webhook-clock-skew}): LiveKit
 * signs with {@code nbf} = its "now", which a server whose clock is a second behind would otherwise refuse.
 */
@ApplicationScoped
public class LiveKitWebhookVerifier {

    private final JWTVerifier verifier;

    public LiveKitWebhookVerifier(LiveKitConfig config) {
        this.verifier = JWT.require(Algorithm.HMAC256(config.apiSecret()))
                .withIssuer(config.apiKey())
                .acceptLeeway(config.webhookClockSkew().toSeconds())
                .build();
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
        DecodedJWT token;
        try {
            token = verifier.verify(authorization.strip());
        } catch (JWTVerificationException e) {
            throw unauthorized("The webhook signature does not verify: " + reason(e));
        }
        String signedChecksum = token.getClaim("sha256").asString();
        String checksum = Base64.getEncoder().encodeToString(sha256(rawBody));
        if (signedChecksum == null || !MessageDigest.isEqual(signedChecksum.getBytes(StandardCharsets.US_ASCII),
                checksum.getBytes(StandardCharsets.US_ASCII))) {
            throw unauthorized("The webhook signature does not verify: the body's SHA-256 does not match the signed checksum");
        }
        try {
            WebhookEvent.Builder event = WebhookEvent.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(body, event);
            return event.build();
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("The signed webhook body is not a LiveKit WebhookEvent");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String reason(JWTVerificationException e) {
        String name = e.getClass().getSimpleName();
        if (name.contains("Expired")) {
            return "the token has expired";
        }
        if (name.contains("IncorrectClaim") && e.getMessage() != null && e.getMessage().contains("nbf")) {
            return "the token is not valid yet";
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
        return "rejected";
    }

    private static ApiException unauthorized(String detail) {
        return new ApiException(401, "urn:streaming:problem:invalid-webhook-signature", "Unauthorized", detail);
    }
}
