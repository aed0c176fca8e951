package org.backpropgrader.grader.grading;

import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.grader.load.Implementation;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.run.SubmissionRunner;

/**
 * Everything one grading run needs: what {@link GradingRun} grades, whether the command line, a batch worker or the
 * JUnit engine asked.
 *
 * @param submission how reports name the submission (a path or a student id)
 * @param implementations the implementing class (or why there is none) per exercise id
 * @param compilerOutput the compiler's messages when the sources do not compile, else null; reported once per
 *     submission, not per exercise
 */
public record GradingRequest(
        String submission,
        List<Exercise<?, ?>> exercises,
        Map<String, Implementation> implementations,
        String compilerOutput,
        Policy policy,
        SubmissionRunner runner,
        TruthCache truths) {

    public GradingRequest {
        exercises = List.copyOf(exercises);
        implementations = Map.copyOf(implementations);
    }
}
