package org.backpropgrader.grader.deploy;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a student uploaded to a grading platform, and where in it the submission is. Platforms hand over a folder
 * ({@code /autograder/submission/}, {@code /grade/student/}) holding whatever the student chose: loose sources, the
 * zip {@code make submit} writes (Gradescope unpacks some, not all), a jar, or their whole handout repository with
 * its own {@code lib/grader.jar} and {@code repo/} jars. The grader's loader reads one submission; this class picks it.
 *
 * <p>Sources win over classes, and either wins over archives: a folder with {@code .java} files anywhere below it is
 * graded as sources (the loader compiles every one), else one with {@code .class} files as classes, else the one zip
 * or jar that holds {@code .java} or {@code .class} entries. The grader's own jars (entries under
 * {@code org/backpropgrader/}, as in a handout's {@code lib/} and {@code repo/}) are never the submission.
 *
 * @param submission what to grade, or null when nothing can be
 * @param description what was found, for the student ("sources in src/main/java/student", "the zip hw.zip")
 * @param problem why nothing is graded, or null
 */
public record Upload(Path submission, String description, String problem) {
    private static final String OWN_PACKAGE = "org/backpropgrader/";

    /** Finds the submission in {@code folder}. */
    public static Upload find(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return new Upload(null, null, "the submission folder " + folder + " does not exist");
        }
        Found found = new Found();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                // .git, .idea, .mvn: never a student's code, and .git can be large
                return !dir.equals(folder) && dir.getFileName().toString().startsWith(".")
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".java")) {
                    found.sources.add(file);
                } else if (name.endsWith(".class")) {
                    found.classes.add(file);
                } else if (name.endsWith(".zip") || name.endsWith(".jar")) {
                    found.archives.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // an unreadable file is not the submission; the rest may be
            }
        });
        found.archives.sort(null); // the file system's order is not the same everywhere; messages should be
        if (!found.sources.isEmpty()) {
            return new Upload(folder, found.sources.size() + " .java file(s) in " + where(folder, found.sources), null);
        }
        if (!found.classes.isEmpty()) {
            return new Upload(
                    folder, found.classes.size() + " .class file(s) in " + where(folder, found.classes), null);
        }
        List<Path> candidates = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path archive : found.archives) {
            switch (contents(archive)) {
                case CODE -> candidates.add(archive);
                case UNREADABLE -> unreadable.add(relative(folder, archive));
                default -> {} // the grader's own jar, or no code in it
            }
        }
        if (candidates.size() == 1) {
            Path archive = candidates.get(0);
            return new Upload(archive, "the archive " + relative(folder, archive), null);
        }
        if (candidates.size() > 1) {
            return new Upload(
                    null,
                    null,
                    "found several archives with Java code: "
                            + String.join(
                                    ", ",
                                    candidates.stream()
                                            .map(a -> relative(folder, a))
                                            .toList()) + "; submit one (the zip `make submit`"
                            + " writes) or your .java files");
        }
        return new Upload(
                null,
                null,
                "no .java or .class files, and no zip or jar holding any, were submitted"
                        + (unreadable.isEmpty() ? "" : " (" + String.join(", ", unreadable) + ": not a readable zip)")
                        + "; submit your src/main/java/student/*.java files or the zip `make submit` writes");
    }

    private enum Contents {
        CODE,
        NO_CODE,
        UNREADABLE
    }

    private static Contents contents(Path archive) {
        boolean code = false;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.startsWith(OWN_PACKAGE)) {
                    return Contents.NO_CODE;
                }
                code |= name.endsWith(".java") || name.endsWith(".class");
            }
        } catch (IOException e) {
            return Contents.UNREADABLE;
        }
        return code ? Contents.CODE : Contents.NO_CODE;
    }

    /** The deepest folder holding all of {@code files}, relative to the upload ("." for the upload itself). */
    private static String where(Path folder, List<Path> files) {
        Path common = files.get(0).getParent();
        for (Path f : files) {
            while (!f.startsWith(common)) {
                common = common.getParent();
            }
        }
        return relative(folder, common);
    }

    private static String relative(Path folder, Path p) {
        String r = folder.relativize(p).toString().replace('\\', '/');
        return r.isEmpty() ? "." : r;
    }

    private static final class Found {
        final List<Path> sources = new ArrayList<>();
        final List<Path> classes = new ArrayList<>();
        final List<Path> archives = new ArrayList<>();
    }
}
