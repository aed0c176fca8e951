package org.backpropgrader.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildCommandTest {
    @TempDir
    Path tmp;

    @Test
    void kernelCompileCommandNamesTheEnginesMatrixKernel() throws Exception {
        String className = ChildCommand.KERNEL_METHODS.substring(0, ChildCommand.KERNEL_METHODS.indexOf("::"));
        Class<?> kernel = Class.forName(className, false, ChildCommandTest.class.getClassLoader());
        assertTrue(kernel.getDeclaredMethods().length > 0, className + " has methods to compile");
    }

    @Test
    void childFlagsStartThisJvmWithNothingOnStandardOutput() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Processes.thisJava());
        command.addAll(ChildCommand.baseFlags(64, 1024, tmp));
        command.add("-version");
        Process p = new ProcessBuilder(command)
                .redirectError(tmp.resolve("stderr.txt").toFile())
                .start();
        byte[] stdout = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "every flag is one this JVM accepts");
        assertEquals(
                "",
                new String(stdout, StandardCharsets.UTF_8),
                "standard output is the protocol's: the compile command is not announced there");
        String stderr = Files.readString(tmp.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertFalse(stderr.contains("CompileCommand"), "nor on standard error, whose first line a failed start shows");
    }
}
