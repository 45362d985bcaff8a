package io.streamingcompanion.localsuite.bench;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessProbeTest {

    /** The gateway benchmark reports JIT time in its measured window from this; -1 would read as "none". */
    @Test
    void theJitTimeOfARunningJvmIsRead() {
        double jit = ProcessProbe.jitSeconds(ProcessHandle.current().pid());
        assertTrue(jit > 0, "this JVM has compiled something by now, read " + jit);
    }
}
