package org.backpropgrader.grader.handout;

import java.util.List;
import java.util.Locale;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.Format;

/**
 * The handout's {@code .github/workflows/classroom.yml}: GitHub Classroom's autograding workflow, as its actions
 * document it ({@code classroom-resources/autograding-grading-reporter} README): the workflow is named
 * {@code Autograding Tests}, has one job, {@code run-autograding-tests}, one
 * {@code classroom-resources/autograding-command-grader} step per test (a command whose exit status 0 earns its
 * {@code max-score}), and the reporter, which reads each step's {@code result} from {@code <STEP ID>_RESULTS}, fails
 * the job unless every test passed (the red or green check on the push) and posts "Points x/y" for Classroom.
 *
 * <p>Each test is one exercise's public self-check, {@code java -jar lib/grader.jar check}, which exits 0 only when
 * every gradient of that exercise earns its points on the public seed; its {@code max-score} is the exercise's points
 * under the handout's policy, so the reporter's total is the policy's maximum. Hidden seeds are the instructor's:
 * a student's repository never holds them, so this score is the self-check's, not the grade.
 */
final class ClassroomWorkflow {
    static final String PATH = ".github/workflows/classroom.yml";

    private ClassroomWorkflow() {}

    static String yaml(List<Exercise<?, ?>> exercises, Policy policy) {
        StringBuilder y = new StringBuilder();
        y.append(
                        "# GitHub Classroom autograding (written by `grader handout`): every push runs the public self-check of\n")
                .append(
                        "# each exercise, the same as `make check`; an exercise earns its points when all its gradients do.\n")
                .append(
                        "# GitHub Classroom reads the score only from a workflow named \"Autograding Tests\" whose one job is\n")
                .append("# run-autograding-tests; keep these names.\n")
                .append("name: Autograding Tests\n")
                .append("on:\n  - push\n  - workflow_dispatch\n")
                .append("permissions:\n  checks: write\n  actions: read\n  contents: read\n")
                .append("jobs:\n  run-autograding-tests:\n    runs-on: ubuntu-latest\n")
                .append("    if: github.actor != 'github-classroom[bot]'\n")
                .append("    steps:\n")
                .append("      - name: Checkout code\n        uses: actions/checkout@v4\n")
                .append("      - name: Set up JDK 17\n        uses: actions/setup-java@v4\n        with:\n")
                .append("          distribution: temurin\n          java-version: '17'\n");
        StringBuilder env = new StringBuilder();
        StringBuilder runners = new StringBuilder();
        for (Exercise<?, ?> e : exercises) {
            String id = stepId(e);
            y.append("      - name: ")
                    .append(e.id())
                    .append('\n')
                    .append("        id: ")
                    .append(id)
                    .append('\n')
                    .append("        uses: classroom-resources/autograding-command-grader@v1\n")
                    .append("        with:\n")
                    .append("          test-name: ")
                    .append(e.id())
                    .append('\n')
                    .append("          command: ")
                    .append(command(e))
                    .append('\n')
                    .append("          timeout: 10\n")
                    .append("          max-score: ")
                    .append(Format.points(points(e, policy)))
                    .append('\n');
            env.append("          ")
                    .append(id.toUpperCase(Locale.ROOT))
                    .append("_RESULTS: \"${{steps.")
                    .append(id)
                    .append(".outputs.result}}\"\n");
            runners.append(runners.length() == 0 ? "" : ",").append(id);
        }
        y.append("      - name: Autograding Reporter\n")
                .append("        uses: classroom-resources/autograding-grading-reporter@v1\n")
                .append("        env:\n")
                .append(env)
                .append("        with:\n          runners: ")
                .append(runners)
                .append('\n');
        return y.toString();
    }

    /** The self-check of one exercise, as {@code make check} runs it, from the repository's root. */
    static String command(Exercise<?, ?> e) {
        return "java -jar lib/grader.jar check --submission src/main/java --policy policy.json --exercise " + e.id();
    }

    /**
     * The reporter takes runner ids matching {@code [a-zA-Z0-9]+} and reads {@code <ID>_RESULTS}: the exercise's id
     * without dashes, as its package is named.
     */
    static String stepId(Exercise<?, ?> e) {
        return e.id().replace("-", "");
    }

    private static double points(Exercise<?, ?> e, Policy policy) {
        double points = 0;
        for (Gradient<?, ?> g : e.gradients()) {
            points += policy.pointsFor(e, g);
        }
        return policy.weightFor(e) * points;
    }
}
