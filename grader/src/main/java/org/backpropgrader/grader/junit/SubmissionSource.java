package org.backpropgrader.grader.junit;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.policy.PolicyException;
import org.backpropgrader.grader.policy.PolicyLoader;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.DirectorySource;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * Where a submission the engine grades comes from, and under which policy: the class-path root that holds a
 * student's classes (what a scan, a package, a class or a method selector finds), or the submission a
 * {@link SelfCheck} class names. Its unique-id segment is enough to find it again.
 *
 * @param segmentType {@link #CLASSES} or {@link #SELF_CHECK}
 * @param segmentValue the root's absolute path, or the {@code @SelfCheck} class's name
 */
record SubmissionSource(
        String segmentType, String segmentValue, Path path, Policy policy, String displayName, TestSource testSource) {
    static final String CLASSES = "classes";
    static final String SELF_CHECK = "selfcheck";
    /** A policy file for submissions found on the class path (the handout's {@code junit-platform.properties}). */
    static final String POLICY_PARAMETER = "backprop-grader.policy";

    /** The class-path root (directory or jar) {@code type} was loaded from. */
    static SubmissionSource classPathRootOf(Class<?> type, ConfigurationParameters configuration) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            throw new JUnitException(type.getName() + " has no class-path root to grade it from");
        }
        try {
            return classPathRoot(Path.of(code.getLocation().toURI()), configuration);
        } catch (URISyntaxException e) {
            throw new JUnitException("cannot read the class-path root of " + type.getName(), e);
        }
    }

    static SubmissionSource classPathRoot(Path root, ConfigurationParameters configuration) {
        Path path = root.toAbsolutePath().normalize();
        TestSource source =
                Files.isDirectory(path) ? DirectorySource.from(path.toFile()) : FileSource.from(path.toFile());
        return new SubmissionSource(
                CLASSES,
                path.toString(),
                path,
                policy(configuration.get(POLICY_PARAMETER)),
                "classes in " + shown(path),
                source);
    }

    static SubmissionSource selfCheck(Class<?> annotated, ConfigurationParameters configuration) {
        SelfCheck check = annotated.getAnnotation(SelfCheck.class);
        Path path = Path.of(check.submission()).toAbsolutePath().normalize();
        Optional<String> policy =
                check.policy().isEmpty() ? configuration.get(POLICY_PARAMETER) : Optional.of(check.policy());
        return new SubmissionSource(
                SELF_CHECK,
                annotated.getName(),
                path,
                policy(policy),
                "backprop-grader: " + check.submission(),
                ClassSource.from(annotated));
    }

    private static Policy policy(Optional<String> file) {
        if (file.isEmpty() || file.get().isBlank()) {
            return Policy.defaults();
        }
        try {
            return PolicyLoader.load(Path.of(file.get()));
        } catch (PolicyException e) {
            throw new JUnitException("backprop-grader: " + e.getMessage(), e);
        }
    }

    /** The path as people typed it: relative to the working directory when it is below it. */
    private static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) && !path.equals(here)
                ? here.relativize(path).toString()
                : path.toString();
    }
}
