package org.backpropgrader.grader.load;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A submission made ready to run: where its classes are and which class implements each exercise.
 *
 * @param source          the path that was submitted
 * @param kind            what the submission was
 * @param classesRoot     a directory to put on a class path, in the loader's work directory, holding exactly the
 *                        classes the loader read and vetted
 * @param compiled        false only when sources failed to compile (then {@code diagnostics} says why)
 * @param diagnostics     compiler errors, warnings and notes ({@code Foo.java:12: error: cannot find symbol …}, file
 *                        names relative to the submission), and the loader's own remarks (ignored or relocated files)
 * @param implementations by exercise id, for every exercise of {@code Exercises.all()}, in catalog order
 */
public record LoadedSubmission(
        Path source,
        Kind kind,
        Path classesRoot,
        boolean compiled,
        List<String> diagnostics,
        Map<String, Implementation> implementations) {

    /** What was submitted. */
    public enum Kind {
        /** A directory of {@code .class} files in package directories. */
        CLASSES,
        /** A jar of {@code .class} files. */
        JAR,
        /** A directory of {@code .java} sources (or a single {@code .java} file). */
        SOURCES,
        /** A zip of {@code .java} sources. */
        SOURCE_ZIP,
        /** A zip of {@code .class} files. */
        CLASS_ZIP
    }

    public LoadedSubmission {
        diagnostics = List.copyOf(diagnostics);
        implementations = Collections.unmodifiableMap(new LinkedHashMap<>(implementations));
    }

    /** The implementation for an exercise id; {@link Implementation.Missing} for an id the loader did not know. */
    public Implementation implementation(String exerciseId) {
        return implementations.getOrDefault(exerciseId, new Implementation.Missing());
    }
}
