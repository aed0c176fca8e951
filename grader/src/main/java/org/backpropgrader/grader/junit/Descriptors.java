package org.backpropgrader.grader.junit;

import java.lang.reflect.Method;
import java.util.Optional;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * The test tree: the engine's root, one container per submission, one per exercise, one test per gradient. Unique
 * ids carry what it takes to find the test again ({@code [submission:…]/[exercise:mse-linear]/[gradient:diff2]}),
 * so an IDE's "rerun this test" selects it by id alone.
 */
final class Descriptors {
    static final String EXERCISE = "exercise";
    static final String GRADIENT = "gradient";

    private Descriptors() {}

    /** One submission: a class-path root holding the student's classes, or what a {@link SelfCheck} names. */
    static final class SubmissionNode extends AbstractTestDescriptor {
        final SubmissionSource submission;
        final LoadedSubmission loaded;

        SubmissionNode(UniqueId engine, SubmissionSource submission, LoadedSubmission loaded) {
            super(
                    engine.append(submission.segmentType(), submission.segmentValue()),
                    submission.displayName(),
                    submission.testSource());
            this.submission = submission;
            this.loaded = loaded;
        }

        @Override
        public Type getType() {
            return Type.CONTAINER;
        }
    }

    static final class ExerciseNode extends AbstractTestDescriptor {
        final Exercise<?, ?> exercise;
        private final String className;

        /** {@code className}: the student's class, or the exercise's interface when there is none. */
        ExerciseNode(UniqueId parent, Exercise<?, ?> exercise, String className) {
            super(
                    parent.append(EXERCISE, exercise.id()),
                    exercise.id() + ": " + exercise.title(),
                    ClassSource.from(className));
            this.exercise = exercise;
            this.className = className;
        }

        @Override
        public Type getType() {
            return Type.CONTAINER;
        }

        /** Build tools (Surefire, Gradle) file the tests under the student's class. */
        @Override
        public String getLegacyReportingName() {
            return className;
        }

        Optional<GradientNode> gradient(String name) {
            return getChildren().stream()
                    .map(GradientNode.class::cast)
                    .filter(g -> g.gradient.name().equals(name))
                    .findFirst();
        }
    }

    static final class GradientNode extends AbstractTestDescriptor {
        final Gradient<?, ?> gradient;

        /**
         * The source is the student's method, so that IDEs and Surefire file each result under the student's class,
         * a click opens the method, and {@code -Dtest=MseLinearSolution#diff2} selects it.
         */
        GradientNode(UniqueId parent, Exercise<?, ?> exercise, Gradient<?, ?> gradient, String className) {
            super(
                    parent.append(GRADIENT, gradient.name()),
                    gradient.name() + "(" + String.join(", ", gradient.upstreamParameters()) + ")",
                    methodSource(exercise, gradient, className));
            this.gradient = gradient;
        }

        private static TestSource methodSource(Exercise<?, ?> exercise, Gradient<?, ?> gradient, String className) {
            for (Method m : exercise.backwardType().getMethods()) {
                if (m.getName().equals(gradient.name())) {
                    return MethodSource.from(className, m.getName(), m.getParameterTypes());
                }
            }
            return MethodSource.from(className, gradient.name());
        }

        @Override
        public Type getType() {
            return Type.TEST;
        }

        /** The method's name, as a build tool's report names a test method. */
        @Override
        public String getLegacyReportingName() {
            return gradient.name();
        }
    }
}
