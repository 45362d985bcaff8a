package io.streamingcompanion.localsuite.bench;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts and stops async-profiler in every JVM of a running local suite (the launcher, whose edge router relays
 * the origin, and the seven services), through the JDK's attach API. Stopping writes one flame graph
 * ({@code <service>.html}) and one collapsed-stacks file ({@code <service>.collapsed}) per JVM. Run by
 * {@code local-suite/bench/profile-suite.sh}, which fetches async-profiler from Maven Central.
 *
 * <p>Usage: {@code SuiteProfiler <libasyncProfiler.so> start [event] | stop <dir>}
 */
public final class SuiteProfiler {

    private static final Pattern SERVICE = Pattern.compile("([a-z-]+-service|realtime-gateway)/target/quarkus-app");

    private SuiteProfiler() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !(args[1].equals("start") || (args[1].equals("stop") && args.length == 3))) {
            System.err.println("usage: SuiteProfiler <libasyncProfiler.so> start [event] | stop <dir>");
            System.exit(2);
        }
        String library = Path.of(args[0]).toAbsolutePath().toString();
        Path dir = args[1].equals("stop") ? Path.of(args[2]).toAbsolutePath() : null;
        if (dir != null) {
            Files.createDirectories(dir);
        }
        String event = args[1].equals("start") && args.length > 2 ? args[2] : "cpu";
        int found = 0;
        for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
            Optional<String> name = suiteJvm(jvm);
            if (name.isEmpty()) {
                continue;
            }
            found++;
            VirtualMachine vm = VirtualMachine.attach(jvm);
            try {
                if (dir == null) {
                    vm.loadAgentPath(library, "start,event=" + event + ",interval=1ms");
                    System.out.println("profiling " + name.get() + " (pid " + jvm.id() + ")");
                } else {
                    // Collapsed stacks first (the profiler keeps running), then the flame graph, which stops it.
                    vm.loadAgentPath(library, "dump,collapsed,file=" + dir.resolve(name.get() + ".collapsed"));
                    vm.loadAgentPath(library, "stop,file=" + dir.resolve(name.get() + ".html"));
                    System.out.println("wrote " + dir.resolve(name.get() + ".html"));
                }
            } finally {
                vm.detach();
            }
        }
        if (found == 0) {
            System.err.println("No JVM of a local suite is running (./run-local.sh)");
            System.exit(1);
        }
    }

    private static Optional<String> suiteJvm(VirtualMachineDescriptor jvm) {
        if (jvm.displayName().startsWith("io.streamingcompanion.localsuite.LocalSuite")) {
            return Optional.of("launcher-edge-router");
        }
        String commandLine = ProcessHandle.of(Long.parseLong(jvm.id()))
                .flatMap(process -> process.info().commandLine()).orElse("");
        Matcher service = SERVICE.matcher(commandLine);
        return service.find() ? Optional.of(service.group(1)) : Optional.empty();
    }
}
