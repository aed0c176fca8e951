package org.backpropgrader.grader.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a JVM can tell of other processes beyond {@link ProcessHandle}. */
public final class Processes {
    private Processes() {}

    /** Whether {@code h} still runs: alive and not a zombie ({@code /proc/<pid>/stat} state Z or X). */
    public static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            char state = afterName >= 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : 'R';
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return h.isAlive(); // no /proc (not Linux) or gone meanwhile
        }
    }
}
