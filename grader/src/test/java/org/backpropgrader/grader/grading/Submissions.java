package org.backpropgrader.grader.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.load.SubmissionException;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;

/**
 * The example submissions as tests see them (paths relative to the grader module, where Surefire runs), and
 * source submissions made from the model solution by replacing one line.
 */
final class Submissions {
    /** The model solution: the notebook's formulas line by line. */
    static final Path MODEL = Path.of("../examples/correct");
    /** The untouched student template: every method throws {@code UnsupportedOperationException("TODO …")}. */
    static final Path TEMPLATE = Path.of("../student-template/src/main/java");

    private Submissions() {}

    /** Grades {@code submission} in this JVM with {@code grader}, every exercise, scratch space below {@code tmp}. */
    static GradeReport grade(SubmissionGrader grader, Path submission, Policy policy, Path tmp) {
        return grade(grader, submission, policy, Exercises.all(), tmp);
    }

    static GradeReport grade(
            SubmissionGrader grader, Path submission, Policy policy, List<Exercise<?, ?>> exercises, Path tmp) {
        try {
            Path work = Files.createTempDirectory(tmp, "work");
            return grader.grade(
                    submission,
                    submission.getFileName().toString(),
                    policy,
                    exercises,
                    List.of(),
                    work,
                    SubmissionGrader.IN_PROCESS);
        } catch (SubmissionException e) {
            return fail("cannot load " + submission + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the model solution's sources in {@code dir} (package {@code notebook}), to be edited. */
    static Path copyOfModel(Path dir) throws IOException {
        Path target = Files.createDirectories(dir.resolve("notebook"));
        try (Stream<Path> files = Files.list(MODEL.resolve("notebook"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    /**
     * A copy of the model solution in {@code dir} whose {@code file} (e.g. {@code MseLinearNotebook.java}) has the
     * one line containing {@code line} replaced by {@code replacement}.
     */
    static Path modelWith(Path dir, String file, String line, String replacement) throws IOException {
        copyOfModel(dir);
        replaceLine(dir.resolve("notebook").resolve(file), line, replacement);
        return dir;
    }

    /** Replaces the one line of {@code file} containing {@code line} (trimmed match) by {@code replacement}. */
    static void replaceLine(Path file, String line, String replacement) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(line.trim())) {
                assertEquals(-1, found, file.getFileName() + " has the line twice: " + line);
                found = i;
            }
        }
        if (found < 0) {
            fail(file.getFileName() + " has no line " + line);
        }
        String indent = lines.get(found)
                .substring(0, lines.get(found).indexOf(lines.get(found).trim()));
        lines.set(found, indent + replacement.trim());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static ExerciseResult exercise(GradeReport report, String id) {
        return report.exercises().stream()
                .filter(e -> e.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the report has no exercise " + id));
    }

    static GradientResult gradient(GradeReport report, String exerciseId, String name) {
        return exercise(report, exerciseId).gradients().stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(exerciseId + " has no gradient " + name));
    }
}
