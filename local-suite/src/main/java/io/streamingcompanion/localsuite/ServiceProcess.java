package io.streamingcompanion.localsuite;

import io.streamingcompanion.infra.ExitWithParent;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One service running as its own JVM from its packaged Quarkus application. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final SuiteService service;
    private final Path application;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private final Path domainSocket;
    private final Process process;

    private ServiceProcess(SuiteService service, Path application, int port, Map<String, String> env, Path log,
                           Path domainSocket, Process process) {
        this.service = service;
        this.application = application;
        this.port = port;
        this.env = Map.copyOf(env);
        this.log = log;
        this.domainSocket = domainSocket;
        this.process = process;
    }

    /**
     * @param domainSocket where the service also listens for the origin (a Unix domain socket), or null: TCP only
     */
    static ServiceProcess start(SuiteService service, Path application, int port, Map<String, String> env, Path logDir,
                                Path domainSocket) {
        return launch(service, application, port, env, logDir.resolve(service.name() + ".log"),
                ProcessBuilder.Redirect.to(logDir.resolve(service.name() + ".log").toFile()), domainSocket);
    }

    /** The same service started again: same application, port and environment, its log appended to. */
    ServiceProcess startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException(service.name() + " is still running (pid " + process.pid() + ")");
        }
        return launch(service, application, port, env, log, ProcessBuilder.Redirect.appendTo(log.toFile()), domainSocket);
    }

    /**
     * Another instance of this service next to it: same application and environment, its own port and log, and
     * no domain socket (the origin routes to the first instance).
     */
    ServiceProcess replica(int replicaPort, String logName) {
        Path replicaLog = log.resolveSibling(logName + ".log");
        return launch(service, application, replicaPort, env, replicaLog, ProcessBuilder.Redirect.to(replicaLog.toFile()), null);
    }

    private static ServiceProcess launch(SuiteService service, Path application, int port, Map<String, String> env,
                                         Path log, ProcessBuilder.Redirect output, Path domainSocket) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC"));
        if (service.shallowInlining()) {
            command.addAll(SuiteService.SHALLOW_INLINING);
        }
        command.addAll(List.of(
                // Quick start for development by default; the benchmark asks for the full JIT.
                System.getProperty("streaming.service-jit", "-XX:TieredStopAtLevel=1"),
                "-cp", application + java.io.File.pathSeparator + codeLocation(ExitWithParent.class),
                // The service exits with the launcher even if the launcher is killed without its shutdown hook.
                ExitWithParent.class.getName(), "io.quarkus.bootstrap.runner.QuarkusEntryPoint"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output);
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        try {
            if (domainSocket != null) {
                // A killed service leaves its socket file behind, and binding to an existing file fails.
                Files.deleteIfExists(domainSocket);
                builder.environment().put("QUARKUS_HTTP_DOMAIN_SOCKET_ENABLED", "true");
                builder.environment().put("QUARKUS_HTTP_DOMAIN_SOCKET", domainSocket.toString());
                if (service.socketHandoffVariable() != null) {
                    builder.environment().put(service.socketHandoffVariable(), handoffSocket(service, domainSocket).toString());
                }
            }
            return new ServiceProcess(service, application, port, env, log, domainSocket, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + service.name(), e);
        }
    }

    SuiteService service() {
        return service;
    }

    int port() {
        return port;
    }

    /** Where this service takes over its clients' WebSockets from the origin, if it does (only with a domain socket). */
    Optional<Path> handoffSocket() {
        return domainSocket == null || service.socketHandoffVariable() == null ? Optional.empty()
                : Optional.of(handoffSocket(service, domainSocket));
    }

    private static Path handoffSocket(SuiteService service, Path domainSocket) {
        return domainSocket.resolveSibling(service.name() + ".handoff");
    }

    /** Where the origin reaches this service: its Unix domain socket if it has one, else its port on loopback. */
    SocketAddress address() {
        return domainSocket != null ? SocketAddress.domainSocketAddress(domainSocket.toString())
                : SocketAddress.inetSocketAddress(port, "127.0.0.1");
    }

    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.name() + " exited with " + process.exitValue() + "; last log lines:\n"
                        + tail(log, 30));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + service.name(), e);
            }
            sleepQuietly(250);
        }
        throw new IllegalStateException(service.name() + " not ready after " + timeout + "; last log lines:\n" + tail(log, 30));
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL on Linux (a crash or an OOM kill: no shutdown hook runs), then waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(service.name() + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + service.name(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    static String codeLocation(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
