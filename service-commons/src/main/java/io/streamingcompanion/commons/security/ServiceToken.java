package io.streamingcompanion.commons.security;

/**
 * Service-to-service calls on {@code /internal/*} carry the shared token of the deployment
 * ({@code STREAMING_INTERNAL_SERVICE_TOKEN}) in this header; creators' bearer tokens never open those routes.
 */
public final class ServiceToken {

    public static final String HEADER = "X-Service-Token";
    public static final String PROPERTY = "streaming.internal-service-token";
    public static final String ENVIRONMENT = "STREAMING_INTERNAL_SERVICE_TOKEN";
    public static final int MIN_LENGTH = 32;

    private ServiceToken() {
    }
}
