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
            return count(classNames.size()) + " classes implement "
                    + exercise.backwardType().getSimpleName() + ": " + String.join(", ", classNames) + "; keep one";
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

    /**
     * The implementing class, or a submission class it uses, uses an API that submissions may not use
     * ({@link ApiAllowlist}); found when the submission was loaded, so none of its code ran.
     *
     * @param uses every such use reachable from {@code className}, those of {@code className} itself first, each in
     *             line order
     */
    record Refused(String className, List<ForbiddenUse> uses) implements Implementation {
        /** How many uses after the first {@link #describe} lists before it only counts the rest. */
        static final int LISTED = 4;

        public Refused {
            uses = List.copyOf(uses);
            if (uses.isEmpty()) {
                throw new IllegalArgumentException(className + " is refused for no use");
            }
        }

        /**
         * "uses java.lang.reflect.Method at MseLinearSolution.java:17, which submissions may not use", then the
         * other uses in parentheses.
         */
        @Override
        public String describe(Exercise<?, ?> exercise) {
            StringBuilder s = new StringBuilder(uses.get(0).sentence());
            if (uses.size() > 1) {
                s.append(" (also ");
                int listed = Math.min(uses.size() - 1, LISTED);
                for (int i = 1; i <= listed; i++) {
                    s.append(i > 1 ? ", " : "").append(uses.get(i).describe());
                }
                int rest = uses.size() - 1 - listed;
                s.append(rest > 0 ? " and " + rest + " more)" : ")");
            }
            return s.toString();
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
