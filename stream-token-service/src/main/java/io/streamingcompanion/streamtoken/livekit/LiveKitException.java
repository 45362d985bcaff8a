package io.streamingcompanion.streamtoken.livekit;

import io.streamingcompanion.commons.problem.ApiException;

/**
 * A LiveKit API call that did not succeed, as the client should see it: 503 when LiveKit cannot be reached or is
 * unavailable, 502 when it answered with an error. {@link #twirpCode()} is LiveKit's Twirp error code, if any.
 */
public class LiveKitException extends ApiException {

    private final String twirpCode;

    private LiveKitException(int status, String type, String title, String detail, String twirpCode) {
        super(status, type, title, detail);
        this.twirpCode = twirpCode;
    }

    public static LiveKitException unreachable(String apiUrl, String method, String why) {
        return new LiveKitException(503, "urn:streaming:problem:livekit-unavailable", "Service Unavailable",
                "LiveKit is not reachable at " + apiUrl + " (" + method + ": " + why + "). Ingress and room calls need a"
                        + " running LiveKit server: start one (for development `livekit-server --dev`) or set LIVEKIT_URL.",
                null);
    }

    public static LiveKitException answered(int httpStatus, String method, String twirpCode, String message) {
        String said = (twirpCode == null ? "HTTP " + httpStatus : twirpCode) + (message == null ? "" : ": " + message);
        if (httpStatus == 401 || httpStatus == 403 || "unauthenticated".equals(twirpCode)
                || "permission_denied".equals(twirpCode)) {
            return new LiveKitException(502, "urn:streaming:problem:livekit-error", "Bad Gateway",
                    "LiveKit rejected this service's credentials for " + method + " (" + said
                            + "); check that LIVEKIT_API_KEY and LIVEKIT_API_SECRET match the LiveKit server", twirpCode);
        }
        if (httpStatus == 503 || "unavailable".equals(twirpCode)) {
            return new LiveKitException(503, "urn:streaming:problem:livekit-unavailable", "Service Unavailable",
                    "LiveKit cannot serve " + method + " right now (" + said + "); is its ingress service running?",
                    twirpCode);
        }
        return new LiveKitException(502, "urn:streaming:problem:livekit-error", "Bad Gateway",
                "LiveKit refused " + method + " (" + said + ")", twirpCode);
    }

    public String twirpCode() {
        return twirpCode;
    }

    public boolean isNotFound() {
        return "not_found".equals(twirpCode);
    }
}
