package org.backpropgrader.grader.classreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Without a browser the report's browser tests are skipped, unless CI requires them: then they fail. */
class HeadlessChromiumTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingBrowserFailsTheTestWhenOneIsRequired() {
        Map<String, String> env = Map.of("PATH", tmp.toString(), HeadlessChromium.REQUIRED_ENV, "1");
        AssertionError e = assertThrows(AssertionError.class, () -> HeadlessChromium.binary(env));
        assertTrue(e.getMessage().contains("no chromium on the PATH"), e.getMessage());
    }

    @Test
    void aMissingBrowserSkipsTheTestOtherwise() {
        assertThrows(TestAbortedException.class, () -> HeadlessChromium.binary(Map.of("PATH", tmp.toString())));
    }

    @Test
    void theBrowserIsTheFirstChromiumOnThePath() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path chromium = Files.createFile(
                bin.resolve("chromium"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertEquals(chromium, HeadlessChromium.find(Map.of("PATH", tmp + ":" + bin)));
        assertNull(HeadlessChromium.find(Map.of("PATH", tmp.toString())));
        assertEquals(Path.of("/opt/chrome"), HeadlessChromium.find(Map.of("BACKPROP_CHROMIUM", "/opt/chrome")));
    }
}
