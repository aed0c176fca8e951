package org.backpropgrader.grader.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.backpropgrader.grader.files.AtomicFiles;

/** Where a command's document goes: standard output, or a file written atomically (temp file and rename). */
final class Output {
    private Output() {}

    static void write(String document, String outOption, PrintStream out) throws CommandException {
        if (outOption == null || outOption.equals("-")) {
            out.println(document);
            return;
        }
        Path file = Path.of(outOption);
        try {
            AtomicFiles.write(file, (document + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandException(ExitCode.DATA, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
