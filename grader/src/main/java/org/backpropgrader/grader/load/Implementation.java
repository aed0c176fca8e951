package org.backpropgrader.grader.load;

import java.util.List;
import org.backpropgrader.exercises.Exercise;

/** What a submission offers for one exercise: the class implementing its {@code …Backward} interface, or why not. */
public sealed interface Implementation {

    /** One sentence for people, e.g. "two classes implement MseLinearBackward: a.Foo, b.Bar; keep one". */
    String describe(Exercise<?, ?> exercise);

    /** Exactly one usable class implements the exercise's interface. */
    record Found(String className) implements Implementation {
        @Override
        public String describe(Exercise<?, ?> exercise) {
            return className + " implements " + exercise.backwardType().getSimpleName();
        }
    }

    /** No class implements the exercise's interface: the exercise was not submitted. */
    record Missing() implements Implementation {
        @Override
        public String describe(Exercise<?, ?> exercise) {
            return "no class implements " + exercise.backwardType().getSimpleName();
        }
    }

    /** Two or more classes implement the exercise's interface; the grader will not guess which one counts. */
    record Ambiguous(List<String> classNames) implements Implementation {
        public Ambiguous {
            classNames = List.copyOf(classNames);
        }

        @Override
        public String describe(Exercise<?, ?> exercise) {
            return count(classNames.size()) + " classes implement " + exercise.backwardType().getSimpleName() + ": "
                    + String.join(", ", classNames) + "; keep one";
        }

        private static String count(int n) {
            return switch (n) {
                case 2 -> "two";
                case 3 -> "three";
                case 4 -> "four";
                default -> Integer.toString(n);
            };
        }
    }

    /** A class implements the interface but cannot be loaded or created; {@code reason} says why and what to do. */
    record Unloadable(String reason) implements Implementation {
        @Override
        public String describe(Exercise<?, ?> exercise) {
            return reason;
        }
    }
}
