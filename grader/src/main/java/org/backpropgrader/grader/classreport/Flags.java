package org.backpropgrader.grader.classreport;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Status;

/**
 * Why an instructor should look at a submission beyond its score: what went wrong while running it, told apart
 * from wrong answers. Each flag has its reasons, the messages the grader recorded (first line, deduplicated).
 */
public final class Flags {
    /** The kinds of flag, in the order the report lists them. */
    public enum Kind {
        /** The result file failed verification ({@link ClassResults}). */
        UNVERIFIED("unverified result"),
        /** The submission could not be graded at all (unloadable, internal error). */
        FAILED("not graded"),
        /** The load-time check refused a class for the API it uses. */
        REFUSED("refused API use"),
        /** The child JVM died or was killed (exit, out of memory, a sandbox limit, too many crashes). */
        KILLED("child killed"),
        /** A method or the whole submission ran out of time. */
        TIMEOUT("timeout"),
        /** Any other error: a method threw, a compile error, two classes for one exercise. */
        ERROR("error"),
        /** The student's code printed more than the policy's {@code outputCapBytes}. */
        CAPPED_OUTPUT("output capped");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** For CSS classes and data attributes. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** One flag: its kind and the distinct reasons, where each was seen ({@code mse-linear/diff2: …}). */
    public record Flag(Kind kind, List<String> reasons) {
        public Flag {
            reasons = List.copyOf(reasons);
        }
    }

    /** The message of a refused class ({@code load} package): "… which submissions may not use". */
    static final String REFUSED_MARK = "which submissions may not use";
    /** What {@code ChildProcess} and {@code ChildJvmRunner} say when the child is gone. */
    private static final Pattern KILLED_MARK = Pattern.compile(
            "child exited with code|child crashes|killed|sandbox|out of memory|outlived the submission time limit",
            Pattern.CASE_INSENSITIVE);
    /** The end {@code ChildJvmRunner.capturedOutput} gives capped output: "… 1234 more bytes". */
    private static final Pattern CAPPED_MARK = Pattern.compile("\\n… \\d+ more bytes\\s*$");

    static final int MAX_REASONS = 6;
    private static final int MAX_PLACES = 4;
    private static final int MAX_REASON_CHARS = 300;

    private Flags() {}

    /**
     * The flags of one result, in {@link Kind} order; empty for a submission that ran cleanly. Reasons name where
     * they were seen; one message seen in several places is one reason ({@code mse-linear, bce-logistic: …}).
     * Exercise-level reasons (a compile error, two classes) come before those of single gradients.
     */
    public static List<Flag> of(ClassResults.Entry entry) {
        Map<Kind, Map<String, List<String>>> reasons = new EnumMap<>(Kind.class);
        if (!entry.verified()) {
            add(reasons, Kind.UNVERIFIED, null, entry.problem());
        }
        if (entry.stamp() != null && entry.stamp().failure() != null) {
            add(reasons, Kind.FAILED, null, entry.stamp().failure());
            if (entry.stamp().failure().contains(REFUSED_MARK)) {
                add(reasons, Kind.REFUSED, null, entry.stamp().failure());
            }
        }
        if (entry.report() != null) {
            if (!reasons.containsKey(Kind.FAILED)) { // else every exercise repeats the failure
                for (ExerciseResult e : entry.report().exercises()) {
                    if (e.message() != null) {
                        classify(reasons, e.status(), e.id(), e.message());
                    }
                }
            }
            for (ExerciseResult e : entry.report().exercises()) {
                for (GradientResult g : e.gradients()) {
                    for (Check c : g.checks()) {
                        if (c.message() != null && !c.message().equals(e.message())) {
                            classify(reasons, c.status(), e.id() + "/" + g.name(), c.message());
                        }
                    }
                }
            }
            String output = entry.report().studentOutput();
            var m = CAPPED_MARK.matcher(output);
            if (m.find()) {
                add(
                        reasons,
                        Kind.CAPPED_OUTPUT,
                        null,
                        "printed " + output.substring(m.start() + 3).strip() + " beyond the cap");
            }
        }
        List<Flag> flags = new ArrayList<>();
        reasons.forEach((kind, messages) -> {
            List<String> lines = new ArrayList<>();
            messages.forEach((message, wheres) -> {
                if (lines.size() < MAX_REASONS) {
                    lines.add(wheres.isEmpty() ? message : places(wheres) + ": " + message);
                }
            });
            if (messages.size() > MAX_REASONS) {
                lines.add("… and " + (messages.size() - MAX_REASONS) + " more");
            }
            flags.add(new Flag(kind, lines));
        });
        return flags;
    }

    private static void classify(
            Map<Kind, Map<String, List<String>>> reasons, Status status, String where, String message) {
        Kind kind;
        if (message.contains(REFUSED_MARK)) {
            kind = Kind.REFUSED;
        } else if (KILLED_MARK.matcher(message).find() && (status == Status.ERROR || status == Status.TIMEOUT)) {
            kind = Kind.KILLED;
        } else if (status == Status.TIMEOUT) {
            kind = Kind.TIMEOUT;
        } else if (status == Status.ERROR) {
            kind = Kind.ERROR;
        } else {
            return; // WRONG, SHAPE, NOT_IMPLEMENTED, MISSING, NOT_RUN: answers, not incidents
        }
        add(reasons, kind, where, message);
    }

    private static void add(Map<Kind, Map<String, List<String>>> reasons, Kind kind, String where, String message) {
        List<String> wheres = reasons.computeIfAbsent(kind, k -> new LinkedHashMap<>())
                .computeIfAbsent(firstLine(message), k -> new ArrayList<>());
        if (where != null && !wheres.contains(where)) {
            wheres.add(where);
        }
    }

    private static String places(List<String> wheres) {
        int shown = Math.min(wheres.size(), MAX_PLACES);
        String list = String.join(", ", wheres.subList(0, shown));
        return wheres.size() > shown ? list + " and " + (wheres.size() - shown) + " more" : list;
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        String line = stripped.lines().findFirst().orElse("");
        if (line.length() > MAX_REASON_CHARS) {
            return line.substring(0, MAX_REASON_CHARS) + "…";
        }
        return stripped.contains("\n") ? line + " …" : line;
    }
}
