package io.streamingcompanion.localsuite;

import io.netty.channel.epoll.Epoll;
import io.streamingcompanion.infra.DevTokenIssuer;
import io.streamingcompanion.infra.EmbeddedInfrastructure;
import io.streamingcompanion.infra.FreePorts;
import io.streamingcompanion.infra.KafkaBroker;
import io.streamingcompanion.infra.RedisServer;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The whole suite on one machine: embedded PostgreSQL, Kafka and Redis, the seven services as their own
 * processes, and one origin in front of them. {@link #main} is what README command #1 runs; tests start it
 * on free ports through {@link #start(Options)}.
 */
public final class LocalSuite implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalSuite.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /**
     * Where things live and which ports to use (0 means any free port), and settings every service gets on top of
     * the launcher's (a test pointing a connector at its fake platform, say). {@code onlyServices} empty means
     * every service.
     */
    public record Options(Path projectRoot, Path workDir, int routerPort, boolean fixedServicePorts,
                          EmbeddedInfrastructure.Options infrastructure, Map<String, String> extraEnvironment,
                          Set<String> onlyServices) {

        public Options(Path projectRoot, Path workDir, int routerPort, boolean fixedServicePorts,
                       EmbeddedInfrastructure.Options infrastructure, Map<String, String> extraEnvironment) {
            this(projectRoot, workDir, routerPort, fixedServicePorts, infrastructure, extraEnvironment, Set.of());
        }

        public static Options interactive(Path projectRoot) {
            Path work = projectRoot.resolve(".local-suite");
            return new Options(projectRoot, work, 8080, true,
                    new EmbeddedInfrastructure.Options(15432, 19092, 16379, work.resolve("data")), Map.of());
        }

        public static Options ephemeral(Path projectRoot, Path workDir) {
            return new Options(projectRoot, workDir, 0, false, EmbeddedInfrastructure.Options.ephemeral(), Map.of());
        }

        public Options withEnvironment(Map<String, String> environment) {
            return new Options(projectRoot, workDir, routerPort, fixedServicePorts, infrastructure, Map.copyOf(environment),
                    onlyServices);
        }

        /**
         * Starts only these services: a benchmark of one service, whose events the others would also consume,
         * must not share the CPU with their work.
         */
        public Options withOnlyServices(Set<String> names) {
            List<String> known = SuiteService.ALL.stream().map(SuiteService::name).toList();
            if (!known.containsAll(names)) {
                throw new IllegalArgumentException("Unknown services " + names + "; known: " + known);
            }
            return new Options(projectRoot, workDir, routerPort, fixedServicePorts, infrastructure, extraEnvironment,
                    Set.copyOf(names));
        }

        List<SuiteService> servicesToStart() {
            return onlyServices.isEmpty() ? SuiteService.ALL
                    : SuiteService.ALL.stream().filter(service -> onlyServices.contains(service.name())).toList();
        }
    }

    /** A further instance of a service ({@link #startReplica}); {@code number} 2 is the second one. */
    public record Replica(String serviceName, int number, int port, long pid) {
    }

    private final EmbeddedInfrastructure infrastructure;
    private final List<ServiceProcess> services;
    private final List<ServiceProcess> replicas = new CopyOnWriteArrayList<>();
    private final EdgeRouter router;
    private final DevTokenIssuer tokens;
    private final Path sockets;

    private LocalSuite(EmbeddedInfrastructure infrastructure, List<ServiceProcess> services, EdgeRouter router,
                       DevTokenIssuer tokens, Path sockets) {
        this.infrastructure = infrastructure;
        this.services = new CopyOnWriteArrayList<>(services);
        this.router = router;
        this.tokens = tokens;
        this.sockets = sockets;
    }

    public static LocalSuite start(Options options) {
        List<SuiteService> toStart = options.servicesToStart();
        Map<SuiteService, Path> applications = locateApplications(options.projectRoot(), toStart);
        Path logs = createDirectories(options.workDir().resolve("logs"));
        RouteTable routes = RouteTable.load();
        DevTokenIssuer tokens = new DevTokenIssuer();

        // Short and private: a socket path has at most 107 bytes, and only this user may connect to the services.
        Path sockets = createPrivateTempDirectory("streaming-companion-");
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(options.infrastructure());
        List<ServiceProcess> started = new ArrayList<>();
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (SuiteService service : SuiteService.ALL) {
                ports.put(service.name(), options.fixedServicePorts() ? service.defaultPort() : FreePorts.pick());
            }
            Map<String, String> env = serviceEnvironment(infrastructure.endpoints(), tokens, ports);
            env.putAll(LocalSecrets.loadOrCreate(options.workDir()));
            env.putAll(options.extraEnvironment());
            for (SuiteService service : toStart) {
                // Domain sockets need epoll on both ends (Linux); elsewhere the router reaches every service over TCP.
                Path domainSocket = service.domainSocket() && Epoll.isAvailable() ? sockets.resolve(service.name() + ".sock") : null;
                started.add(ServiceProcess.start(service, applications.get(service), ports.get(service.name()), env, logs,
                        domainSocket));
            }
            CompletableFuture.allOf(started.stream()
                    .map(process -> CompletableFuture.runAsync(() -> process.awaitReady(READY_TIMEOUT)))
                    .toArray(CompletableFuture[]::new)).join();
            Map<String, SocketAddress> addresses = new LinkedHashMap<>();
            ports.forEach((name, port) -> addresses.put(name, SocketAddress.inetSocketAddress(port, "127.0.0.1")));
            started.forEach(process -> addresses.put(process.service().name(), process.address()));
            Map<String, Path> handoffSockets = new LinkedHashMap<>();
            started.forEach(process -> process.handoffSocket()
                    .ifPresent(socket -> handoffSockets.put(process.service().name(), socket)));
            EdgeRouter router = EdgeRouter.start(options.routerPort(), routes, addresses, handoffSockets, tokens);
            return new LocalSuite(infrastructure, started, router, tokens, sockets);
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::stop);
            infrastructure.close();
            deleteQuietly(sockets);
            throw e;
        }
    }

    /** What every service reads from its environment (Quarkus' standard names). */
    static Map<String, String> serviceEnvironment(EmbeddedInfrastructure.Endpoints endpoints, DevTokenIssuer tokens,
                                                  Map<String, Integer> ports) {
        Map<String, String> env = new HashMap<>();
        // Services are reached through the origin (or by each other) on this machine only: never on the network.
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", endpoints.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", endpoints.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", endpoints.dbUser());
        if (!endpoints.dbPassword().isEmpty()) {
            env.put("QUARKUS_DATASOURCE_PASSWORD", endpoints.dbPassword());
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers());
        env.put("QUARKUS_REDIS_HOSTS", endpoints.redisUrl());
        env.put("QUARKUS_OIDC_PUBLIC_KEY", tokens.publicKeyBase64());
        env.put("SESSION_SERVICE_URL", "http://127.0.0.1:" + ports.get("session-service"));
        env.put("TIP_SERVICE_URL", "http://127.0.0.1:" + ports.get("tip-service"));
        env.put("CHATBOT_SERVICE_URL", "http://127.0.0.1:" + ports.get("chatbot-tts-service"));
        env.put("GOAL_MENU_SERVICE_URL", "http://127.0.0.1:" + ports.get("goal-menu-service"));
        // The dashboard signs creators in with /dev/token (only this launcher has it) and may connect to the
        // LiveKit server stream-token-service names (its default unless LIVEKIT_URL is set).
        env.put("GATEWAY_DASHBOARD_DEV_SIGN_IN", "true");
        env.put("GATEWAY_DASHBOARD_LIVEKIT_URL", Optional.ofNullable(System.getenv("LIVEKIT_PUBLIC_URL"))
                .or(() -> Optional.ofNullable(System.getenv("LIVEKIT_URL"))).orElse("ws://localhost:7880"));
        return env;
    }

    /** Where the embedded PostgreSQL, Kafka and Redis listen (benchmarks load data directly). */
    public EmbeddedInfrastructure.Endpoints infrastructure() {
        return infrastructure.endpoints();
    }

    public String baseUrl() {
        return "http://localhost:" + router.port();
    }

    public int routerPort() {
        return router.port();
    }

    public Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach(process -> ports.put(process.service().name(), process.port()));
        return ports;
    }

    public boolean anyServiceAlive() {
        return services.stream().anyMatch(ServiceProcess::isAlive);
    }

    /**
     * Kills the service's process with SIGKILL, as a crash or an OOM kill would (no shutdown hook, no
     * graceful close), and waits until it is gone. Operator tooling for fault drills.
     */
    public synchronized void kill(String serviceName) {
        process(serviceName).kill();
    }

    /** Starts a killed or stopped service again on its port with its environment, and waits until it is ready. */
    public synchronized void restart(String serviceName, Duration readyTimeout) {
        ServiceProcess old = process(serviceName);
        ServiceProcess started = old.startAgain();
        services.set(services.indexOf(old), started);
        started.awaitReady(readyTimeout);
    }

    /** Stops the service as a deployment would (SIGTERM, SIGKILL after 20 s); {@link #restart} starts it again. */
    public synchronized void stop(String serviceName) {
        process(serviceName).stop();
    }

    /**
     * Starts another instance of a running service next to it (same application and environment, a free port
     * of its own, log {@code <service>-<number>.log}) and waits until it is ready: what a second replica behind a
     * load balancer would be. It stops with the suite.
     */
    public synchronized Replica startReplica(String serviceName, Duration readyTimeout) {
        int number = 2 + (int) replicas.stream().filter(process -> process.service().name().equals(serviceName)).count();
        ServiceProcess replica = process(serviceName).replica(FreePorts.pick(), serviceName + "-" + number);
        replicas.add(replica);
        replica.awaitReady(readyTimeout);
        return new Replica(serviceName, number, replica.port(), replica.pid());
    }

    /** The process id of the service's current JVM. */
    public long pid(String serviceName) {
        return process(serviceName).pid();
    }

    /** The embedded Kafka broker ({@link KafkaBroker#stop()} / {@link KafkaBroker#start()} make an outage). */
    public KafkaBroker kafka() {
        return infrastructure.kafka();
    }

    /** The embedded Redis ({@link RedisServer#stop()} / {@link RedisServer#restart()}: it comes back empty). */
    public RedisServer redis() {
        return infrastructure.redis();
    }

    private ServiceProcess process(String serviceName) {
        return services.stream().filter(process -> process.service().name().equals(serviceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + serviceName));
    }

    public String tokenFor(String creatorId) {
        return tokens.issue(creatorId, creatorId);
    }

    @Override
    public void close() {
        router.close();
        // Services first, so none of them logs a storm of connection errors while infrastructure goes away.
        Stream.concat(replicas.stream(), services.stream()).parallel().forEach(ServiceProcess::stop);
        infrastructure.close();
        deleteQuietly(sockets);
    }

    private static Path createPrivateTempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a directory for the services' sockets", e);
        }
    }

    /** The sockets' directory and what is left in it (a service killed without its shutdown leaves its socket). */
    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.debugf("Could not delete %s: %s", directory, e.getMessage());
        }
    }

    private static Map<SuiteService, Path> locateApplications(Path root, List<SuiteService> services) {
        Map<SuiteService, Path> applications = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (SuiteService service : services) {
            Path jar = root.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
            if (Files.isRegularFile(jar)) {
                applications.put(service, jar);
            } else {
                missing.add(jar.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built yet (run ./mvnw install -DskipTests): " + missing);
        }
        return applications;
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(System.getProperty("streaming.home", ".")).toAbsolutePath().normalize();
        Options options = Options.interactive(root);
        LOG.infof("Starting Streaming Companion from %s (data and logs in %s)", root, options.workDir());
        LocalSuite suite = start(options);
        Thread stopper = new Thread(() -> {
            // stdout, not the logger: logging may already be shut down while hooks run.
            System.out.println("Stopping the suite...");
            suite.close();
            System.out.println("Stopped.");
        }, "local-suite-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        System.out.println(suite.banner(options));
        Thread.currentThread().join();
    }

    String banner(Options options) {
        StringBuilder text = new StringBuilder("\n  Streaming Companion is up.\n\n");
        text.append("  Creator dashboard:         ").append(baseUrl()).append("/  (sign in as any creator)\n");
        text.append("  Origin (API + WebSockets): ").append(baseUrl()).append('\n');
        text.append("  Creator token:             curl '").append(baseUrl()).append("/dev/token?sub=alice&name=Alice'\n");
        text.append("  Creator WebSocket:         ws://localhost:").append(router.port()).append("/streaming\n");
        text.append('\n');
        text.append("  API docs and health, per service:\n");
        servicePorts().forEach((name, port) -> text.append(String.format("    %-22s http://localhost:%d/q/swagger-ui   /q/health   /q/metrics%n", name, port)));
        text.append("\n  Logs: ").append(options.workDir().resolve("logs")).append("\n  Ctrl-C stops everything.\n");
        return text.toString();
    }
}
