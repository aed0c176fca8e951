package org.backpropgrader.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchJvmTest {
    @Test
    void relaunchesUnlessTheOperatorChoseTheCompilerOrCollector() {
        assertTrue(BatchJvm.shouldRelaunch(List.of()));
        assertTrue(BatchJvm.shouldRelaunch(List.of("-Xmx2g", "-Dfoo=bar", "-XX:+UseCompressedOops")));
        for (String chosen : List.of(
                "-XX:TieredStopAtLevel=4",
                "-XX:-TieredCompilation",
                "-XX:+TieredCompilation",
                "-XX:+UseParallelGC",
                "-XX:+UseG1GC",
                "-XX:+UseSerialGC",
                "-Dbackprop.batch.relaunch=off")) {
            assertFalse(BatchJvm.shouldRelaunch(List.of("-Xmx2g", chosen)), chosen);
        }
    }

    @Test
    void theBatchJvmKeepsEveryFlagThenAddsC1TheSerialCollectorAndJavacsExport() {
        List<String> command = BatchJvm.command(List.of("-Xmx2g", "-Dfoo=bar"), new String[] {"batch", "--jobs", "2"});
        assertTrue(command.get(0).endsWith("java"), command.get(0));
        assertEquals(
                List.of(
                        "-Xmx2g",
                        "-Dfoo=bar",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
                        "-Dbackprop.batch.relaunch=child",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "batch",
                        "--jobs",
                        "2"),
                command.subList(1, command.size()));
    }
}
