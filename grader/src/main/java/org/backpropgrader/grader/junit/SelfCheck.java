package org.backpropgrader.grader.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose discovery makes the grader's JUnit engine self-check a submission that is not itself on the
 * test class path (sources, another directory): Maven Surefire and IDEs then show one container per exercise and one
 * test per gradient, run by the same checks as {@code grader check}. The class itself needs no body:
 *
 * <pre>{@code
 * @SelfCheck(submission = "src/main/java")
 * class SelfCheckTest {}
 * }</pre>
 *
 * <p>A project whose compiled student classes are on the test class path (the student template) needs no such
 * class: the engine finds the student's classes by any selector (scan, package, class, method, unique id). When both
 * name the same directory, it is graded once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SelfCheck {
    /** The submission to check, relative to the working directory: compiled classes or sources. */
    String submission() default "target/classes";

    /** A policy file, relative to the working directory; empty for the default policy. */
    String policy() default "";
}
