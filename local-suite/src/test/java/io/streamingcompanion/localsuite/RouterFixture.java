package io.streamingcompanion.localsuite;

import io.streamingcompanion.infra.DevTokenIssuer;
import io.streamingcompanion.infra.FreePorts;
import io.vertx.core.net.SocketAddress;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * An {@link EdgeRouter} on a free port in front of an {@link UpstreamStub}, routed by a table that also
 * (wrongly) routes {@code /q} and {@code /internal}, so tests show the router keeps them private on its own;
 * {@code /gone} leads to a port nobody listens on. The router reaches the stub over loopback TCP, as it reaches
 * most services, or over a Unix domain socket, as it reaches the gateway.
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

    static RouterFixture overTcp() throws Exception {
        return new RouterFixture(false, Map.of());
    }

    static RouterFixture overDomainSocket() throws Exception {
        return new RouterFixture(true, Map.of());
    }

    /** Over a domain socket, and the upstream's WebSockets are offered to whoever listens at {@code handoffSocket}. */
    static RouterFixture handingOverTo(Path handoffSocket) throws Exception {
        return new RouterFixture(true, Map.of("upstream", handoffSocket));
    }

    private RouterFixture(boolean domainSocket, Map<String, Path> handoffSockets) throws Exception {
        upstream = new UpstreamStub();
        RouteTable routes = RouteTable.fromIngress(new ByteArrayInputStream(INGRESS.getBytes(StandardCharsets.UTF_8)));
        router = EdgeRouter.start(0, routes, Map.of(
                        "upstream", domainSocket ? upstream.domainSocketAddress() : upstream.tcpAddress(),
                        "gone", SocketAddress.inetSocketAddress(FreePorts.pick(), "127.0.0.1")),
                handoffSockets, new DevTokenIssuer());
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
