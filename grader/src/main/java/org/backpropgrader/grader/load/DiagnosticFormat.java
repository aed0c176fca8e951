package org.backpropgrader.grader.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * A compiler diagnostic as javac prints it, with file names relative to the submission:
 *
 * <pre>
 * student/Mse.java:12: error: cannot find symbol
 *         return dloss.mul(tw0);
 *                          ^
 *   symbol:   variable tw0
 *   location: class student.Mse
 * </pre>
 *
 * Messages are in English whatever the machine's locale, so reports read the same everywhere.
 */
final class DiagnosticFormat {
    private DiagnosticFormat() {}

    static String format(Diagnostic<? extends JavaFileObject> d, StandardJavaFileManager files, Path sourceRoot) {
        String kind = switch (d.getKind()) {
            case ERROR -> "error";
            case WARNING, MANDATORY_WARNING -> "warning";
            case NOTE, OTHER -> "note";
        };
        List<String> lines =
                relativise(d.getMessage(Locale.ROOT), sourceRoot).lines().toList();
        String head = lines.isEmpty() ? "" : lines.get(0);
        StringBuilder out = new StringBuilder();
        JavaFileObject source = d.getSource();
        if (source == null) {
            out.append(kind).append(": ").append(head);
        } else {
            out.append(displayName(source, files, sourceRoot));
            if (d.getLineNumber() != Diagnostic.NOPOS) {
                out.append(':').append(d.getLineNumber());
            }
            out.append(": ").append(kind).append(": ").append(head);
            appendSourceLine(out, d, source);
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            out.append('\n').append(line);
        }
        return out.toString();
    }

    private static String displayName(JavaFileObject source, StandardJavaFileManager files, Path sourceRoot) {
        try {
            Path path = files.asPath(source).toAbsolutePath();
            Path root = sourceRoot.toAbsolutePath();
            Path shown = path.startsWith(root) ? root.relativize(path) : path.getFileName();
            return shown.toString().replace(shown.getFileSystem().getSeparator(), "/");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            String name = source.getName();
            return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        }
    }

    /** The offending line and a caret under the column, as javac prints them. */
    private static void appendSourceLine(
            StringBuilder out, Diagnostic<? extends JavaFileObject> d, JavaFileObject source) {
        long line = d.getLineNumber();
        long column = d.getColumnNumber();
        if (line == Diagnostic.NOPOS || column == Diagnostic.NOPOS) {
            return;
        }
        String text;
        try {
            text = source.getCharContent(true)
                    .toString()
                    .lines()
                    .skip(line - 1)
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return;
        }
        if (text == null) {
            return;
        }
        out.append('\n').append(text).append('\n');
        for (int i = 0; i < column - 1 && i < text.length(); i++) {
            out.append(text.charAt(i) == '\t' ? '\t' : ' '); // keeps the caret under the column when tabs indent
        }
        out.append('^');
    }

    /** Strips the absolute source folder from a message (javac names files in some notes). */
    static String relativise(String message, Path sourceRoot) {
        String root = sourceRoot.toAbsolutePath().toString();
        String separator = sourceRoot.getFileSystem().getSeparator();
        return message.replace(root + separator, "").replace(root, ".");
    }
}
