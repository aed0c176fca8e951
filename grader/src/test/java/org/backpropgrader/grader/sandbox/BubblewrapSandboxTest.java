package org.backpropgrader.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backpropgrader.grader.policy.Policy;
import org.junit.jupiter.api.Test;

class BubblewrapSandboxTest {
    @Test
    void aMissingBubblewrapNamesThePackageAndTheOptOut() {
        SandboxUnavailableException e =
                assertThrows(SandboxUnavailableException.class, () -> BubblewrapSandbox.probe("/nonexistent/bwrap"));
        assertTrue(e.getMessage().contains("there is no executable /nonexistent/bwrap"), e.getMessage());
        assertTrue(e.getMessage().contains("install the package 'bubblewrap'"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install -y bubblewrap"), e.getMessage());
        assertTrue(e.getMessage().contains("--sandbox none"), e.getMessage());
    }

    @Test
    void aBubblewrapThatCannotStartSaysWhy() {
        // a program that exits 1 stands for a bwrap whose trial run fails (no user namespaces, a container)
        SandboxUnavailableException e =
                assertThrows(SandboxUnavailableException.class, () -> BubblewrapSandbox.probe("/bin/false"));
        assertTrue(
                e.getMessage().startsWith("the OS sandbox cannot start here: bwrap's trial run failed (exit 1)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--sandbox none"), e.getMessage());
    }

    @Test
    void gradeAndBatchExit69WhenTheSandboxCannotStart() throws Exception {
        for (String verb : List.of("grade", "batch")) {
            List<String> args = verb.equals("grade")
                    ? List.of("--submission", "examples/correct")
                    : List.of("--submissions", "examples", "--out", "target/never");
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + BubblewrapSandbox.BWRAP_PROPERTY + "=/nonexistent/bwrap",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "org.backpropgrader.grader.cli.Main",
                    verb));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(69, p.exitValue(), text);
            assertTrue(text.contains("grader " + verb + ": the OS sandbox needs bubblewrap"), text);
            assertTrue(text.contains("--sandbox none"), text);
        }
    }

    @Test
    void theJdksLinksOutsideItAreBoundToo() {
        List<String> dirs = BubblewrapSandbox.jdkDirectories(Path.of(System.getProperty("java.home")));
        for (String d : dirs) {
            assertTrue(Path.of(d).isAbsolute(), d);
            for (String other : dirs) {
                assertTrue(d.equals(other) || !other.startsWith(d + "/"), "only the outermost: " + dirs);
            }
        }
    }

    @Test
    void everyReportOfAnUnsandboxedRunSaysSo() {
        assertEquals(List.of(NoSandbox.WARNING), NoSandbox.INSTANCE.warnings(Policy.Limits.defaults()));
        assertTrue(NoSandbox.WARNING.startsWith("unsandboxed (--sandbox none)"));
    }

    @Test
    void onThisHostEveryLimitHoldsWhenTheSandboxIsRequired() {
        Sandbox sandbox = TestSandboxes.bubblewrap();
        if (TestSandboxes.REQUIRED) {
            // CI: root on a host with cgroups; every limit of the issue must hold there
            assertEquals(List.of(), sandbox.warnings(Policy.Limits.defaults()));
        }
    }
}
