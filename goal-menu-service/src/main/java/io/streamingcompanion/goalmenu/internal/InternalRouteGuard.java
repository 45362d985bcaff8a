package io.streamingcompanion.goalmenu.internal;

import io.quarkus.runtime.StartupEvent;
import io.streamingcompanion.commons.security.InternalRoutes;
import io.streamingcompanion.commons.security.Secrets;
import io.streamingcompanion.commons.security.ServiceToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** {@code /internal/*} (animations from tip-service's platform connectors) answers only holders of the service token. */
@ApplicationScoped
public class InternalRouteGuard {

    private final String serviceToken;

    public InternalRouteGuard(@ConfigProperty(name = ServiceToken.PROPERTY) String serviceToken) {
        this.serviceToken = serviceToken;
    }

    void onStart(@Observes StartupEvent started) {
        Secrets.requireReal(ServiceToken.ENVIRONMENT, serviceToken, ServiceToken.MIN_LENGTH);
    }

    @ServerRequestFilter
    public Response requireServiceToken(ContainerRequestContext request) {
        return InternalRoutes.refuseWithoutServiceToken(serviceToken, request);
    }
}
