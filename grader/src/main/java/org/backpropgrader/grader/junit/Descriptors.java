package org.backpropgrader.grader.junit;

import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/** The test tree: the run, one container per exercise, one test per gradient. */
final class Descriptors {
    static final String EXERCISE = "exercise";
    static final String GRADIENT = "gradient";

    private Descriptors() {}

    /** The engine's root, holding the request it was discovered for. */
    static final class Run extends EngineDescriptor {
        final GradingRequest request;

        Run(UniqueId id, GradingRequest request) {
            super(id, "backprop-grader: " + request.submission());
            this.request = request;
        }
    }

    static final class ExerciseNode extends AbstractTestDescriptor {
        final Exercise<?, ?> exercise;

        ExerciseNode(UniqueId parent, Exercise<?, ?> exercise) {
            super(parent.append(EXERCISE, exercise.id()), exercise.id() + ": " + exercise.title());
            this.exercise = exercise;
        }

        @Override
        public Type getType() {
            return Type.CONTAINER;
        }
    }

    static final class GradientNode extends AbstractTestDescriptor {
        final Gradient<?, ?> gradient;

        GradientNode(UniqueId parent, Gradient<?, ?> gradient) {
            super(parent.append(GRADIENT, gradient.name()),
                    gradient.name() + "(" + String.join(", ", gradient.upstreamParameters()) + ")");
            this.gradient = gradient;
        }

        @Override
        public Type getType() {
            return Type.TEST;
        }
    }
}
