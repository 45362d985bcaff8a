package io.streamingcompanion.infra;

import java.lang.reflect.Method;

/**
 * Entry point for child JVMs: runs the given main class and halts when the parent process is gone, so
 * no broker outlives a killed test run or launcher. Deliberately free of dependencies.
 */
public final class ExitWithParent {

    private ExitWithParent() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ExitWithParent <main class> [args...]");
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) rest);
    }
}
