package io.streamingcompanion.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves a service as {@code application/problem+json}. Client mistakes get a 4xx that says
 * what to fix; anything unexpected gets a 500 that reveals nothing internal and is logged once here.
 */
public class ProblemExceptionMappers {

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldName(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        String detail = errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        return respond(new Problem("urn:streaming:problem:validation", "Bad Request", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String detail = "The request body is not valid JSON for this endpoint";
        if (e instanceof InvalidFormatException invalid) {
            detail = "Value '" + invalid.getValue() + "' is not allowed for " + jsonPath(invalid);
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            detail = "Field " + jsonPath(mapping) + " has the wrong type or shape";
        }
        return respond(new Problem("urn:streaming:problem:malformed-body", "Bad Request", 400, detail, path(uri), List.of()));
    }

    /** Quarkus' own mapper for this subtype is more specific than ours above; this keeps bodies problem+json. */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(new Problem("about:blank", "Unauthorized", 401, "A valid bearer token is required", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return respond(new Problem("about:blank", "Unauthorized", 401, "A valid bearer token is required", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem("about:blank", "Forbidden", 403, "This token may not do that", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "Request to %s failed", path(uri));
            return respond(Problem.of(status, "Server Error", "The request could not be completed"));
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Client Error";
        return respond(new Problem("about:blank", title, status, e.getMessage(), path(uri), List.of()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure on %s", path(uri));
        return respond(new Problem("about:blank", "Server Error", 500, "The request could not be completed", path(uri), List.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** Turns {@code start.arg0.title} into {@code title}: clients know their fields, not our method names. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        if (parts.length >= 3) {
            return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        }
        return parts[parts.length - 1];
    }
}
