package org.backpropgrader.grader.load;

/**
 * One place where submitted code uses what {@link ApiAllowlist} refuses.
 *
 * @param api      what is used, as a reader knows it: {@code java.lang.reflect.Method}, {@code java.lang.System.exit},
 *                 {@code new java.io.PrintStream}; for a native method, the method ({@code hostile.Evil.steal})
 * @param isNative the class declares {@code api} as a native method (rather than using it)
 * @param file     the source file ({@code MseLinearSolution.java}), or the class file when compiled without it
 * @param line     the source line, 0 when unknown
 */
public record ForbiddenUse(String api, boolean isNative, String file, int line) {

    /** E.g. "java.lang.reflect.Method at MseLinearSolution.java:17", "the native method a.B.c in B.java". */
    public String describe() {
        return (isNative ? "the native method " : "") + api + (line > 0 ? " at " + file + ":" + line : " in " + file);
    }

    /** E.g. "uses java.lang.reflect.Method at MseLinearSolution.java:17, which submissions may not use". */
    public String sentence() {
        return isNative
                ? "declares " + describe() + ", which submissions may not declare"
                : "uses " + describe() + ", which submissions may not use";
    }
}
