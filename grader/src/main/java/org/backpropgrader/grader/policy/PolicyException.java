package org.backpropgrader.grader.policy;

import java.util.List;

/**
 * A policy file that cannot be used, with where and what: {@code policy.json:3:17:
 * $.exercises.mse-linear.tolerance.rtol: expected a finite number >= 0, got "abc"} (file, line and column as compilers
 * write them, so editors jump there; then the JSON path). The message is formatted once, here; the parts stay
 * available for reports.
 */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String jsonPath;
    private final int line;
    private final int column;
    private final String expected;
    private final String actual;

    private PolicyException(
            String file, String jsonPath, PolicyText.Location at, String expected, String actual, String problem) {
        super(file + (at == null ? "" : ":" + at.line() + ":" + at.column()) + ": "
                + (jsonPath == null ? "" : jsonPath + ": ") + problem);
        this.file = file;
        this.jsonPath = jsonPath;
        this.line = at == null ? 0 : at.line();
        this.column = at == null ? 0 : at.column();
        this.expected = expected;
        this.actual = actual;
    }

    /** A value of the wrong type or range: {@code expected …, got …}. */
    static PolicyException mismatch(
            String file, String jsonPath, PolicyText.Location at, String expected, String actual) {
        return new PolicyException(file, jsonPath, at, expected, actual, "expected " + expected + ", got " + actual);
    }

    /** A key that is not one of {@code known}: {@code unknown field; expected one of …}. */
    static PolicyException unknownKey(
            String file, String jsonPath, PolicyText.Location at, String key, String what, List<String> known) {
        String expected = "one of " + String.join(", ", known);
        return new PolicyException(file, jsonPath, at, expected, key, "unknown " + what + "; expected " + expected);
    }

    /**
     * Text that is not strict JSON: {@code expected} was due where {@code actual} stands; {@code note} (empty or
     * starting with a space) says more.
     */
    static PolicyException malformed(
            String file, String jsonPath, PolicyText.Location at, String expected, String actual, String note) {
        return new PolicyException(
                file,
                jsonPath,
                at,
                expected,
                actual,
                "malformed JSON: expected " + expected + ", got " + actual + note);
    }

    /** Text that is not JSON for a reason that is not a misplaced token, e.g. it ends too early. */
    static PolicyException malformed(String file, String jsonPath, PolicyText.Location at, String reason) {
        return new PolicyException(file, jsonPath, at, "well-formed JSON", reason, "malformed JSON: " + reason);
    }

    /** A file that could not be read at all. */
    static PolicyException unreadable(String file, String reason) {
        return new PolicyException(
                file, null, null, "a readable policy file", reason, "cannot read the policy file: " + reason);
    }

    /** The policy file (or source name) as given, e.g. {@code policy.json}. */
    public String file() {
        return file;
    }

    /** Where in the JSON, e.g. {@code $.exercises.mse-linear.tolerance.rtol}; null when the file was not read. */
    public String jsonPath() {
        return jsonPath;
    }

    /** The line (from 1) where the mistake is; 0 when the file was not read. */
    public int line() {
        return line;
    }

    /** The column (from 1, in characters) where the mistake is; 0 when the file was not read. */
    public int column() {
        return column;
    }

    /** What would have been accepted there. */
    public String expected() {
        return expected;
    }

    /** What was found there: a JSON value, an unknown key, a token of the text or the file system's reason. */
    public String actual() {
        return actual;
    }
}
