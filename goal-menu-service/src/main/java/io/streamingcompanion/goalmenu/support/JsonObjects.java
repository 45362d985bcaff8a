package io.streamingcompanion.goalmenu.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamingcompanion.commons.problem.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks client-supplied JSON objects (animation metadata) before they are stored or broadcast. */
public final class JsonObjects {

    private JsonObjects() {
    }

    /** A copy of {@code value}, or null if it is null; 400 when it is larger than {@code maxBytes} as JSON. */
    public static Map<String, Object> bounded(String field, Map<String, Object> value, int maxBytes, ObjectMapper json) {
        if (value == null) {
            return null;
        }
        try {
            int bytes = json.writeValueAsBytes(value).length;
            if (bytes > maxBytes) {
                throw ApiException.badRequest(field + " must be at most " + maxBytes + " bytes of JSON (got " + bytes + ")");
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(field + " must be a JSON object");
        }
        return new LinkedHashMap<>(value);
    }
}
