package io.streamingcompanion.gateway.socket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Collectors;

/**
 * The {@code data} of client events, read with the shared (strict) ObjectMapper exactly as REST bodies are:
 * a number out of its field's range, a string or fraction where an integer belongs, a number where a boolean
 * belongs or NUL in text is refused as a whole, never wrapped, rounded or coerced into another value.
 * Unknown fields are ignored, as in REST bodies.
 */
public final class Commands {

    private Commands() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JoinSessionCommand(String sessionId, Long since) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LeaveSessionCommand(String sessionId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AddTipCommand(String sessionId, Long amountCents, String tipperName, String message, Boolean test,
                                String idempotencyKey) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatbotMessageCommand(String sessionId, String senderName, String message) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SkipTtsCommand(String sessionId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpdateViewersCommand(String sessionId, Integer viewerCount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JoinOverlayCommand(String overlayKey, Long since) {
    }

    /** {@code data} that does not fit its command; answered with {@code error} {@code invalid_request}. */
    public static final class InvalidCommandException extends RuntimeException {

        InvalidCommandException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads {@code data} (absent or null: no fields) as the command, or throws {@link InvalidCommandException}. */
    public static <T> T read(ObjectMapper json, JsonNode data, Class<T> command) {
        try {
            return json.treeToValue(data == null || data.isNull() ? json.createObjectNode() : data, command);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidCommandException(describe(e));
        }
    }

    /** Names the field, never echoes the value: it may be 20,000 characters of anything. */
    private static String describe(Exception e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? "data." + mapping.getPath().stream()
                        .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : "data";
        boolean outOfRange = e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException;
        return field + (outOfRange ? " is out of range" : " has the wrong type or shape");
    }
}
