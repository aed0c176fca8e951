package org.backpropgrader.grader.junit;

import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.load.Implementation;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.run.SubmissionRunner;

/**
 * Everything one grading run needs, handed to {@link GradingTestEngine} through {@link GradingRequests}.
 *
 * @param submission how reports name the submission (a path or a student id)
 * @param implementations the implementing class (or why there is none) per exercise id
 * @param compilerOutput the compiler's messages when the sources do not compile, else null
 */
public record GradingRequest(String submission, List<Exercise<?, ?>> exercises,
        Map<String, Implementation> implementations, String compilerOutput, Policy policy, SubmissionRunner runner,
        TruthCache truths) {

    public GradingRequest {
        exercises = List.copyOf(exercises);
        implementations = Map.copyOf(implementations);
    }
}
