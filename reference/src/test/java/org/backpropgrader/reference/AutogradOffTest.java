package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM started with {@code -Dbackprop.autograd=off} cannot reach the truth, and says why. */
class AutogradOffTest {

    @Test
    void gradientsThrowNamingTheRuleWhenAutogradIsSwitchedOff() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(
                        java,
                        "-D" + Autograd.PROPERTY + "=off",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AutogradOffMain.class.getName()))
                .redirectErrorStream(true)
                .start();
        boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "child JVM did not finish: " + output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("enabled=false"), output);
        assertTrue(output.contains("autograd is switched off"), output);
    }
}
