package org.backpropgrader.grader.roster;

/**
 * A roster that cannot be used, with where and what: {@code roster.csv: line 4, column user_id: expected an LMS user
 * id, got an empty cell}. The message is formatted once, here; the parts stay available.
 */
public final class RosterException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String column;
    private final String expected;
    private final String actual;

    RosterException(String file, int line, String column, String expected, String actual) {
        super(file + (line > 0 ? ": line " + line : "")
                + (column != null ? (line > 0 ? ", " : ": ") + "column " + column : "") + ": expected " + expected
                + ", got " + actual);
        this.file = file;
        this.line = line;
        this.column = column;
        this.expected = expected;
        this.actual = actual;
    }

    /** The roster file as given. */
    public String file() {
        return file;
    }

    /** The line the problem is on (1 is the header); 0 when it is about the whole file. */
    public int line() {
        return line;
    }

    /** The column, or null when the problem is not in one column. */
    public String column() {
        return column;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
