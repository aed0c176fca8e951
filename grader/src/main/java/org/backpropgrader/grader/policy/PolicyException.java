package org.backpropgrader.grader.policy;

import java.util.List;

/**
 * A policy file that cannot be used, with where and what: {@code policy.json:
 * $.exercises.mse-linear.tolerance.rtol: expected a finite number >= 0, got "abc"}. The message is formatted once,
 * here; the parts stay available for reports.
 */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String jsonPath;
    private final String expected;
    private final String actual;

    private PolicyException(String file, String jsonPath, String expected, String actual, String problem) {
        super(file + ": " + (jsonPath == null ? "" : jsonPath + ": ") + problem);
        this.file = file;
        this.jsonPath = jsonPath;
        this.expected = expected;
        this.actual = actual;
    }

    /** A value of the wrong type or range: {@code expected …, got …}. */
    static PolicyException mismatch(String file, String jsonPath, String expected, String actual) {
        return new PolicyException(file, jsonPath, expected, actual, "expected " + expected + ", got " + actual);
    }

    /** A key that is not one of {@code known}: {@code unknown field; expected one of …}. */
    static PolicyException unknownKey(String file, String jsonPath, String key, String what, List<String> known) {
        String expected = "one of " + String.join(", ", known);
        return new PolicyException(file, jsonPath, expected, key,
                "unknown " + what + "; expected " + expected);
    }

    /** Text Gson could not parse, at a line and column. */
    static PolicyException malformed(String file, String jsonPath, int line, int column, String reason) {
        return new PolicyException(file, jsonPath, "well-formed JSON", reason,
                "malformed JSON at line " + line + " column " + column + ": " + reason);
    }

    /** A file that could not be read at all. */
    static PolicyException unreadable(String file, String reason) {
        return new PolicyException(file, null, "a readable policy file", reason, "cannot read the policy file: "
                + reason);
    }

    /** The policy file (or source name) as given, e.g. {@code policy.json}. */
    public String file() {
        return file;
    }

    /** Where in the JSON, e.g. {@code $.exercises.mse-linear.tolerance.rtol}; null when the file was not read. */
    public String jsonPath() {
        return jsonPath;
    }

    /** What would have been accepted there. */
    public String expected() {
        return expected;
    }

    /** What was found there: a JSON value, an unknown key, a parser's or the file system's reason. */
    public String actual() {
        return actual;
    }
}
