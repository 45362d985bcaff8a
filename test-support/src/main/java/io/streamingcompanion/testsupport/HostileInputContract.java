package io.streamingcompanion.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sweeps every operation of the service's own OpenAPI document with what an attacker or a broken client
 * sends: malformed bodies, wrong types, huge and fractional numbers, strings where numbers belong, NUL and
 * unpaired surrogates, oversized text, wrong content types, hostile path and query values. Whatever the
 * answer, it must never be a 5xx. A service's test extends this, like {@link OperationalEndpointsContract}.
 */
public abstract class HostileInputContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Raw JSON values put into every field of a request body, one at a time. */
    private static final List<String> HOSTILE_VALUES = List.of(
            "null", "true", "\"125\"", "\"abc\"", "1.5", "-1", "0", "18446744073709551617",
            "-9223372036854775809", "1e400", "9223372036854775807", "\"a\\u0000b\"", "\"\\ud800\"",
            "\"\\u202eevil\"", "{\"k\":\"a\\u0000b\"}", "{\"a\\u0000\":1}", "\"\\ud83d\\ude00 \\u00e9\"", "{}", "[]", "[1,2]", "{\"a\":{\"b\":[null]}}",
            "\"" + "x".repeat(20_000) + "\"", "\"\"", "\"   \"", "\"00000000-0000-0000-0000-000000000000\"");

    private static final List<String> HOSTILE_BODIES = List.of(
            "", "{", "}", "[]", "null", "\"text\"", "42", "{\"a\":", "{\"a\":1,}", "\u0000", "{\"\\u0000\":1}",
            "[" + "[".repeat(2_000) + "]".repeat(2_000) + "]");

    private static final List<String> HOSTILE_PATH_VALUES = List.of(
            "abc", "%00", "00000000-0000-0000-0000-000000000000", "-1", "%2e%2e", "x".repeat(3_000), "%F0%9F%98%80");

    private static final List<String> HOSTILE_QUERY_VALUES = List.of(
            "abc", "-1", "2147483647", "99999999999999999999", "%00", "", "1.5", "%E2%80%AE", "true");

    /**
     * A real id for a path parameter, created for this creator, so that hostile bodies reach the code
     * behind the lookup (a random id would stop at the 404). Null: a random UUID is used.
     */
    protected String existingId(String creatorId, String pathTemplate, String parameter) {
        return null;
    }

    /**
     * A 5xx this service documents for the case, e.g. tip-service's retryable 503 while session-service,
     * which it must ask about an unknown session, is unreachable (as it is in a service's own tests).
     */
    protected boolean documentedServerError(Response response) {
        return false;
    }

    @Test
    void noOperationAnswers5xxToHostileInput() throws Exception {
        JsonNode openApi = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        String owner = "hostile-" + UUID.randomUUID();
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                String url = path.getKey();
                for (String parameter : parameters(path.getKey())) {
                    String id = existingId(owner, path.getKey(), parameter);
                    url = url.replace("{" + parameter + "}", id == null ? UUID.randomUUID().toString() : id);
                }
                for (Attempt attempt : attempts(openApi, path.getKey(), url, op.getValue())) {
                    requests++;
                    // Creating calls get a creator each, so that one success (one live session...) does not
                    // turn every later hostile body into a plain 409.
                    String creator = path.getKey().contains("{") ? owner : "hostile-" + UUID.randomUUID();
                    RequestSpecification request = given().urlEncodingEnabled(false)
                            .header("Authorization", TestTokens.bearer(creator));
                    if (attempt.contentType() != null) {
                        request = request.contentType(attempt.contentType());
                    }
                    if (attempt.body() != null) {
                        request = request.body(attempt.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                    Response response = request.request(method, attempt.url());
                    if (response.statusCode() >= 500 && !documentedServerError(response)) {
                        String body = attempt.body() == null ? "" : attempt.body();
                        failures.add(response.statusCode() + " for " + method + " " + abbreviate(attempt.url())
                                + " [" + attempt.contentType() + "] " + abbreviate(body));
                    }
                }
            }
        }
        if (requests == 0) {
            throw new AssertionError("The OpenAPI document lists no operation to sweep");
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + requests + " hostile requests got a 5xx:\n"
                    + String.join("\n", failures));
        }
    }

    private record Attempt(String url, String contentType, String body) {
    }

    private static List<String> parameters(String template) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static List<Attempt> attempts(JsonNode openApi, String template, String url, JsonNode operation) {
        List<Attempt> attempts = new ArrayList<>();
        Map<String, String> validQuery = new LinkedHashMap<>();
        List<String> queryNames = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if ("query".equals(parameter.path("in").asText())) {
                queryNames.add(parameter.path("name").asText());
            }
        }
        JsonNode schema = bodySchema(openApi, operation);
        String validBody = schema == null ? null : sample(openApi, schema);
        String contentType = schema == null ? null : "application/json";
        attempts.add(new Attempt(url, contentType, validBody));
        for (String value : HOSTILE_PATH_VALUES) {
            if (!template.equals(fill(template, value))) {
                attempts.add(new Attempt(fill(template, value), contentType, validBody));
            }
        }
        for (String name : queryNames) {
            for (String value : HOSTILE_QUERY_VALUES) {
                attempts.add(new Attempt(url + "?" + name + "=" + value, contentType, validBody));
            }
        }
        if (schema != null) {
            for (String body : HOSTILE_BODIES) {
                attempts.add(new Attempt(url, "application/json", body));
            }
            attempts.add(new Attempt(url, "text/plain", validBody));
            attempts.add(new Attempt(url, "application/xml", "<a/>"));
            attempts.add(new Attempt(url, null, null));
            for (String property : properties(openApi, schema)) {
                for (String value : HOSTILE_VALUES) {
                    attempts.add(new Attempt(url, "application/json", withField(openApi, schema, property, value)));
                }
            }
        }
        return attempts;
    }

    private static String fill(String template, String value) {
        return template.replaceAll("\\{[^}]+}", value);
    }

    private static JsonNode bodySchema(JsonNode openApi, JsonNode operation) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? null : resolve(openApi, schema);
    }

    private static JsonNode resolve(JsonNode openApi, JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        if (ref == null || !ref.startsWith("#/")) {
            return schema;
        }
        JsonNode target = openApi;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private static List<String> properties(JsonNode openApi, JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A plausible valid body: each property with a value of its declared type. */
    private static String sample(JsonNode openApi, JsonNode schema) {
        if (!schema.path("properties").isObject()) {
            return "{}";
        }
        StringBuilder body = new StringBuilder("{");
        for (String name : properties(openApi, schema)) {
            if (body.length() > 1) {
                body.append(',');
            }
            body.append('"').append(name).append("\":").append(sampleValue(resolve(openApi, schema.path("properties").path(name))));
        }
        return body.append('}').toString();
    }

    private static String withField(JsonNode openApi, JsonNode schema, String property, String value) {
        StringBuilder body = new StringBuilder("{");
        for (String name : properties(openApi, schema)) {
            if (body.length() > 1) {
                body.append(',');
            }
            String field = name.equals(property) ? value : sampleValue(resolve(openApi, schema.path("properties").path(name)));
            body.append('"').append(name).append("\":").append(field);
        }
        return body.append('}').toString();
    }

    private static String sampleValue(JsonNode property) {
        String type = property.path("type").asText("");
        String format = property.path("format").asText("");
        return switch (type) {
            case "integer", "number" -> "100";
            case "boolean" -> "true";
            case "array" -> "[]";
            case "object" -> "{}";
            case "string" -> "uuid".equals(format) ? "\"" + UUID.randomUUID() + "\"" : "\"sample\"";
            default -> property.has("enum") ? "\"" + property.path("enum").path(0).asText() + "\"" : "\"sample\"";
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + " chars)";
    }
}
