package io.streamingcompanion.localsuite;

import io.streamingcompanion.infra.DevTokenIssuer;
import io.streamingcompanion.infra.FreePorts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An {@link EdgeRouter} on a free port in front of an {@link UpstreamStub}, routed by a table that also
 * (wrongly) routes {@code /q} and {@code /internal}, so tests show the router keeps them private on its own;
 * {@code /gone} leads to a port nobody listens on.
 */
final class RouterFixture implements AutoCloseable {

    private static final String INGRESS = """
            spec:
              rules:
                - http:
                    paths:
                      - {path: /api/sessions, backend: {service: {name: upstream}}}
                      - {path: /api/overlay, backend: {service: {name: upstream}}}
                      - {path: /streaming, backend: {service: {name: upstream}}}
                      - {path: /overlay, backend: {service: {name: upstream}}}
                      - {path: /q, backend: {service: {name: upstream}}}
                      - {path: /internal, backend: {service: {name: upstream}}}
                      - {path: /gone, backend: {service: {name: gone}}}
            """;

    private final UpstreamStub upstream;
    private final EdgeRouter router;

    RouterFixture() throws Exception {
        upstream = new UpstreamStub();
        RouteTable routes = RouteTable.fromIngress(new ByteArrayInputStream(INGRESS.getBytes(StandardCharsets.UTF_8)));
        router = EdgeRouter.start(0, routes, Map.of("upstream", upstream.port(), "gone", FreePorts.pick()),
                new DevTokenIssuer());
    }

    UpstreamStub upstream() {
        return upstream;
    }

    int routerPort() {
        return router.port();
    }

    @Override
    public void close() throws Exception {
        router.close();
        upstream.close();
    }
}
