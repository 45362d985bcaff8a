package io.streamingcompanion.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs the dashboard's end-to-end script (creator-dashboard/src/main/webapp/e2e/dashboard.e2e.mjs) with the
 * machine's Node: puppeteer-core (locked in the dashboard's package-lock.json, installed by its build's
 * {@code npm ci}) drives Debian's Chromium ({@code apt-get install chromium}, which .ci/run does) with a fake
 * camera and microphone. The script's output is this test's output; a failed step fails the test.
 */
final class DashboardBrowserCheck {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private DashboardBrowserCheck() {
    }

    /** @param oidcIssuer the issuer the suite's gateway offers the dashboard, which the script then plays */
    static void run(Path projectRoot, String baseUrl, String oidcIssuer, Path screenshots) throws IOException, InterruptedException {
        Path webapp = projectRoot.resolve("creator-dashboard/src/main/webapp");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertTrue(Files.isExecutable(chromium), chromium + " is missing: apt-get install -y chromium (.ci/run does)");
        assertTrue(Files.isDirectory(webapp.resolve("node_modules/puppeteer-core")),
                "puppeteer-core is not installed: build creator-dashboard first (its build runs npm ci)");
        ProcessBuilder node = new ProcessBuilder("node", "e2e/dashboard.e2e.mjs")
                .directory(webapp.toFile())
                .redirectErrorStream(true);
        node.environment().put("BASE_URL", baseUrl);
        node.environment().put("CHROMIUM", chromium.toString());
        node.environment().put("SCREENSHOT_DIR", screenshots.toString());
        node.environment().put("OIDC_ISSUER", oidcIssuer);
        Process process = node.start();
        // Through System.out line by line: a child writing to the forked test JVM's own stdout would corrupt
        // the channel the test runner reads its results from.
        Thread relay = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> System.out.println("[dashboard e2e] " + line));
            } catch (IOException e) {
                System.out.println("[dashboard e2e] output lost: " + e);
            }
        }, "dashboard-e2e-output");
        relay.setDaemon(true);
        relay.start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("The dashboard check did not finish within " + TIMEOUT);
        }
        relay.join(5_000);
        assertEquals(0, process.exitValue(), "The dashboard check failed: see its output above and "
                + screenshots.resolve("failure.png"));
    }
}
