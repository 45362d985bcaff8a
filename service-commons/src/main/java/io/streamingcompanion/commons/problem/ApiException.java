package io.streamingcompanion.commons.problem;

/**
 * A failure the client caused and can act on. Thrown (or failed with, in a {@code Uni}) by services and
 * turned into a problem+json response with this status; never logged as a server error.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String type;

    public ApiException(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "urn:streaming:problem:not-found", "Not Found", what + " was not found");
    }

    public static ApiException conflict(String type, String detail) {
        return new ApiException(409, "urn:streaming:problem:" + type, "Conflict", detail);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "urn:streaming:problem:invalid-request", "Bad Request", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String type() {
        return type;
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, java.util.List.of());
    }
}
