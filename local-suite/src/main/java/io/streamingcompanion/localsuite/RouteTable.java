package io.streamingcompanion.localsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The path → service table of deploy/kubernetes/ingress.yaml (copied into this module at build time), so
 * the local origin routes exactly as the Kubernetes ingress does. Prefix matching follows the ingress
 * {@code Prefix} rule: {@code /api/tips} matches {@code /api/tips} and {@code /api/tips/...}, not
 * {@code /api/tipsy}; an {@code Exact} path matches itself only (the dashboard's {@code /}); the longest
 * matching path wins.
 */
public final class RouteTable {

    public static final String RESOURCE = "routes/ingress.yaml";

    public record Route(String prefix, String service, boolean exact) {

        public Route(String prefix, String service) {
            this(prefix, service, false);
        }

        boolean matches(String path) {
            if (exact) {
                return path.equals(prefix);
            }
            return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
        }
    }

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((Route route) -> route.prefix().length()).reversed())
                .toList();
    }

    public static RouteTable fromIngress(InputStream yaml) {
        try {
            JsonNode ingress = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            List<Route> routes = new ArrayList<>();
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    routes.add(new Route(path.path("path").asText(),
                            path.path("backend").path("service").path("name").asText(),
                            "Exact".equals(path.path("pathType").asText())));
                }
            }
            if (routes.isEmpty()) {
                throw new IllegalArgumentException("The ingress defines no paths");
            }
            return new RouteTable(routes);
        } catch (IOException e) {
            throw new UncheckedIOException("The ingress route table cannot be read", e);
        }
    }

    public static RouteTable load() {
        try (InputStream in = RouteTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return fromIngress(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Route> route(String path) {
        return routes.stream().filter(route -> route.matches(path)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }
}
