package io.streamingcompanion.localsuite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM of the suite costs, read from outside it as an operator would: CPU time and resident memory from
 * {@code /proc} (Linux), and the heap that is live after a full collection through {@code jcmd}, so that
 * garbage not yet collected does not count as memory held by sockets.
 */
final class ProcessProbe {

    /** {@code def new generation   total 78656K, used 1234K [...]} and its peers for the other collectors. */
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^\\s*\\S.*?\\btotal\\s+(\\d+)K,\\s+used\\s+(\\d+)K");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");
    private static final Pattern JIT_TICKS = Pattern.compile("(?m)^java\\.ci\\.totalTime=(\\d+)");
    private static final Pattern HRT_FREQUENCY = Pattern.compile("(?m)^sun\\.os\\.hrt\\.frequency=(\\d+)");
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessProbe() {
    }

    /** User plus system CPU seconds the process has used so far. */
    static double cpuSeconds(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name in parentheses may hold spaces: fields are counted after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / (double) TICKS_PER_SECOND;
    }

    /** CPU seconds the whole machine has spent busy (every core; neither idle nor waiting for I/O). */
    static double machineBusySeconds() {
        String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long busy = 0;
        // user nice system idle iowait irq softirq: steal (time the hypervisor gave to others) is not ours.
        for (int i = 1; i < cpu.length && i <= 7; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(cpu[i]);
            }
        }
        return busy / (double) TICKS_PER_SECOND;
    }

    /**
     * The process's whole command line ({@link ProcessHandle.Info#commandLine()} leaves out a JVM whose classpath is
     * as long as the Kafka broker's); empty once the process is gone.
     */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    static long residentBytes(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).lines().toList()) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("No VmRSS for process " + pid);
    }

    /** Runs a full collection in the process, then reads how much of its heap is in use. */
    static long heapUsedAfterFullGc(long pid) {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        long kilobytes = 0;
        boolean found = false;
        while (used.find()) {
            kilobytes += Long.parseLong(used.group(2));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("GC.heap_info of " + pid + " not understood:\n" + info);
        }
        return kilobytes * 1024;
    }

    static long maxHeapBytes(long pid) {
        Matcher max = MAX_HEAP.matcher(jcmd(pid, "VM.flags"));
        return max.find() ? Long.parseLong(max.group(1)) : -1;
    }

    /**
     * Seconds the JVM's JIT compilers have spent so far (HotSpot's {@code java.ci.totalTime}), or -1: compilation
     * still running in a measured window means the code measured is not yet the code a warm service runs.
     */
    static double jitSeconds(long pid) {
        try {
            String counters = jcmd(pid, "PerfCounter.print");
            Matcher total = JIT_TICKS.matcher(counters);
            Matcher frequency = HRT_FREQUENCY.matcher(counters);
            return total.find() && frequency.find()
                    ? Long.parseLong(total.group(1)) / (double) Long.parseLong(frequency.group(1)) : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("jcmd is needed (a JDK, not a JRE)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(output) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100; // USER_HZ on every Linux build we run on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
