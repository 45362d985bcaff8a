package io.streamingcompanion.streamtoken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node scripts of {@code src/test/node} with the official {@code livekit-server-sdk}, which the build
 * installs with {@code npm ci} into {@code target/livekit-node} (system property {@code streamtoken.node.dir}).
 * Input goes to the script as JSON on stdin; its JSON stdout is the result.
 */
public final class LiveKitNode {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveKitNode() {
    }

    public static JsonNode run(String script, Object input) {
        Path dir = Path.of(System.getProperty("streamtoken.node.dir", "target/livekit-node")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules/livekit-server-sdk"))) {
            throw new AssertionError("livekit-server-sdk is not installed in " + dir
                    + "; the Maven build runs `npm ci` there at generate-test-resources (needs node and npm)");
        }
        try {
            Process node = new ProcessBuilder("node", script).directory(dir.toFile()).start();
            CompletableFuture<byte[]> stdout = drain(node.getInputStream());
            CompletableFuture<byte[]> stderr = drain(node.getErrorStream());
            try (OutputStream stdin = node.getOutputStream()) {
                stdin.write(JSON.writeValueAsBytes(input));
            }
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new AssertionError("node " + script + " did not finish within 60 s");
            }
            String out = new String(stdout.get(10, TimeUnit.SECONDS));
            if (node.exitValue() != 0) {
                throw new AssertionError("node " + script + " failed (" + node.exitValue() + "): "
                        + new String(stderr.get(10, TimeUnit.SECONDS)) + out);
            }
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run node " + script + " (is Node installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Could not read the output of node " + script, e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
                stream.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
