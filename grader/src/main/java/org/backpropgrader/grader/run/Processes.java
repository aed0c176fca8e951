package org.backpropgrader.grader.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Starting and watching other processes: the {@code java} to start, and what {@link ProcessHandle} cannot tell. */
public final class Processes {
    private Processes() {}

    /** The {@code java} launcher of the JVM running this code: children and relaunches run the same Java. */
    public static String thisJava() {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java")
                .toString();
    }

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
