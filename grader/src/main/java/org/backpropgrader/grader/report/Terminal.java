package org.backpropgrader.grader.report;

import java.io.Console;

/** Whether this JVM runs at a terminal, for progress bars that rewrite a line and for colour. */
public final class Terminal {
    private Terminal() {}

    /**
     * Whether a console is connected to a terminal. Before JDK 22 that is exactly when {@link System#console()}
     * exists (standard input and output are both terminals); from JDK 22 a console exists for redirected streams too,
     * and {@code Console.isTerminal()}, which the JDK 17 API this is compiled against lacks, says it.
     */
    @SuppressWarnings("SystemConsoleNull") // the JDK 22-aware check that Error Prone's SystemConsoleNull asks for
    public static boolean attached() {
        Console console = System.console();
        if (console == null || Runtime.version().feature() < 22) {
            return console != null;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            throw new LinkageError("Console.isTerminal() on JDK " + Runtime.version(), e);
        }
    }
}
