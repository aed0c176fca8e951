package org.backpropgrader.grader.load;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a policy's {@code allowApis}: an API an instructor lets submissions use on top of
 * {@link ApiAllowlist}'s built-in rules. Three forms, by binary name (a nested type is {@code Outer$Inner}):
 *
 * <ul>
 *   <li>{@code java.time.*}: every type of a package (not of its subpackages), with all their members;
 *   <li>{@code java.util.concurrent.ThreadLocalRandom}: one type with all its members;
 *   <li>{@code java.lang.System#getProperty}: one member (every overload) of a type; {@code <init>} for its
 *       constructors.
 * </ul>
 *
 * @param text as written in the policy
 * @param name the package ({@link Form#PACKAGE}) or type
 * @param member the member's name for {@link Form#MEMBER}, else null
 */
public record ApiPattern(String text, Form form, String name, String member) {

    /** What an {@link ApiPattern} names. */
    public enum Form {
        PACKAGE,
        TYPE,
        MEMBER
    }

    /** What {@link #parse} accepts, in words for an error message. */
    public static final String EXPECTED = "a package ending in .* (\"java.time.*\"), a class"
            + " (\"java.util.concurrent.ThreadLocalRandom\") or a class#member (\"java.lang.System#getProperty\")";

    private static final String IDENTIFIER = "[\\p{L}_$][\\p{L}\\p{N}_$]*";
    private static final Pattern SYNTAX = Pattern.compile(
            "(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*)" + "(?:(\\.\\*)|#(" + IDENTIFIER + "|<init>))?");

    public ApiPattern {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(name, "name");
        if ((form == Form.MEMBER) != (member != null)) {
            throw new IllegalArgumentException("a member pattern names a member, the others none: " + text);
        }
    }

    /**
     * The pattern {@code text} spells, in one of the forms of {@link #EXPECTED}.
     *
     * @throws IllegalArgumentException naming the text and the forms expected, if {@code text} is none of them
     */
    public static ApiPattern parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
        }
        if (m.group(2) != null) {
            return new ApiPattern(text, Form.PACKAGE, m.group(1), null);
        }
        if (m.group(3) != null) {
            return new ApiPattern(text, Form.MEMBER, m.group(1), m.group(3));
        }
        return new ApiPattern(text, Form.TYPE, m.group(1), null);
    }

    /** Whether code may name {@code type} (a binary name) and use every member of it. */
    boolean coversType(String type) {
        return switch (form) {
            case PACKAGE -> packageOf(type).equals(name);
            case TYPE -> type.equals(name);
            case MEMBER -> false;
        };
    }

    /** Whether code may use the member {@code memberName} of {@code owner}. */
    boolean coversMember(String owner, String memberName) {
        return form == Form.MEMBER ? owner.equals(name) && memberName.equals(member) : coversType(owner);
    }

    static String packageOf(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "" : type.substring(0, dot);
    }
}
