package org.backpropgrader.grader.junit;

import java.lang.reflect.Method;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** The test tree: the run, one container per exercise, one test per gradient. */
final class Descriptors {
    static final String EXERCISE = "exercise";
    static final String GRADIENT = "gradient";

    private Descriptors() {}

    /** The engine's root, holding the request it was discovered for. */
    static final class Run extends EngineDescriptor {
        final GradingRequest request;
        /** Whether the engine made the request (a self-check) and so closes its runner after the run. */
        final boolean ownsRunner;

        Run(UniqueId id, GradingRequest request, boolean ownsRunner) {
            super(id, "backprop-grader: " + request.submission());
            this.request = request;
            this.ownsRunner = ownsRunner;
        }
    }

    static final class ExerciseNode extends AbstractTestDescriptor {
        final Exercise<?, ?> exercise;

        /** {@code className}: the student's class, or the exercise's interface when there is none. */
        ExerciseNode(UniqueId parent, Exercise<?, ?> exercise, String className) {
            super(parent.append(EXERCISE, exercise.id()), exercise.id() + ": " + exercise.title(),
                    ClassSource.from(className));
            this.exercise = exercise;
        }

        @Override
        public Type getType() {
            return Type.CONTAINER;
        }
    }

    static final class GradientNode extends AbstractTestDescriptor {
        final Gradient<?, ?> gradient;

        /**
         * The source is the student's method, so that IDEs and Surefire file each result under the student's class
         * and a click opens the method.
         */
        GradientNode(UniqueId parent, Exercise<?, ?> exercise, Gradient<?, ?> gradient, String className) {
            super(parent.append(GRADIENT, gradient.name()),
                    gradient.name() + "(" + String.join(", ", gradient.upstreamParameters()) + ")",
                    methodSource(exercise, gradient, className));
            this.gradient = gradient;
        }

        private static MethodSource methodSource(Exercise<?, ?> exercise, Gradient<?, ?> gradient, String className) {
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
    }
}
