package io.streamingcompanion.commons.query;

import io.streamingcompanion.commons.problem.ApiException;
import java.util.UUID;

/** Typed query values with a 400 that names the parameter (JAX-RS would answer a failed conversion with 404). */
public final class QueryValues {

    private QueryValues() {
    }

    /** Null when absent; a 400 when present but not a UUID. */
    public static UUID optionalUuid(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + " must be a UUID");
        }
    }
}
