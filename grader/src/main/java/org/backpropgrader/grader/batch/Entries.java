package org.backpropgrader.grader.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.backpropgrader.grader.roster.Roster;

/** The submissions of a batch: the entries of one directory, each named by a student id. */
final class Entries {
    private Entries() {}

    /**
     * One submission.
     *
     * @param id the student id: the entry's name without {@code .zip} or {@code .jar}
     * @param path the entry (a directory, jar, zip or anything else, which then fails to load with a reason)
     */
    record Entry(String id, Path path) {
        String fileName() {
            return path.getFileName().toString();
        }
    }

    /**
     * The entries of {@code dir} sorted by name: hidden ones (a leading dot) are skipped, and so is {@code out} when
     * it lies inside {@code dir}. Two entries with one id ({@code alice/} and {@code alice.zip}) are both graded: the
     * first in name order keeps the id, the next is named by its whole file name, with a warning.
     */
    static List<Entry> list(Path dir, Path out, List<String> warnings) throws IOException {
        Path outAbs = out.toAbsolutePath().normalize();
        List<Path> paths;
        try (Stream<Path> list = Files.list(dir)) {
            paths = new ArrayList<>(list.toList());
        }
        paths.sort(null);
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path p : paths) {
            String name = p.getFileName().toString();
            if (name.startsWith(".") || outAbs.startsWith(p.toAbsolutePath().normalize())) {
                continue;
            }
            String id = id(name);
            if (!ids.add(id)) {
                warnings.add("two submissions for student id '" + id + "': " + name + " is graded as '" + name + "'");
                id = name;
                if (!ids.add(id)) {
                    continue; // cannot happen: file names within one directory are distinct
                }
            }
            entries.add(new Entry(id, p));
        }
        return entries;
    }

    /** The submission's name: {@link Roster#submissionName}, so a roster names submissions exactly as batch does. */
    static String id(String fileName) {
        return Roster.submissionName(fileName);
    }
}
