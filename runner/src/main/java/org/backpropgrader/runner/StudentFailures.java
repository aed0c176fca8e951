package org.backpropgrader.runner;

/** Turns what a student's method threw into a status and a message a student can act on. */
public final class StudentFailures {
    public static final String NOT_IMPLEMENTED = "NOT_IMPLEMENTED";
    public static final String ERROR = "ERROR";

    private StudentFailures() {}

    /** {@code NOT_IMPLEMENTED} for the template's {@link UnsupportedOperationException}, else {@code ERROR}. */
    public static String status(Throwable t) {
        return t instanceof UnsupportedOperationException ? NOT_IMPLEMENTED : ERROR;
    }

    /** The message for {@link #status}: the exception's own for NOT_IMPLEMENTED, else {@link #describe}. */
    public static String message(Throwable t) {
        if (t instanceof UnsupportedOperationException) {
            return t.getMessage() == null ? "not implemented" : t.getMessage();
        }
        return describe(t);
    }

    /** {@code threw java.lang.ArithmeticException: / by zero (at Foo.java:12)}, the first frame outside the JDK. */
    public static String describe(Throwable t) {
        StringBuilder s = new StringBuilder("threw ").append(t.getClass().getName());
        if (t.getMessage() != null) {
            s.append(": ").append(t.getMessage());
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            String cls = frame.getClassName();
            if (!cls.startsWith("java.")
                    && !cls.startsWith("jdk.")
                    && !cls.startsWith("sun.")
                    && !cls.startsWith("org.backpropgrader.")) {
                s.append(" (at ")
                        .append(frame.getFileName())
                        .append(':')
                        .append(frame.getLineNumber())
                        .append(')');
                break;
            }
        }
        return s.toString();
    }
}
