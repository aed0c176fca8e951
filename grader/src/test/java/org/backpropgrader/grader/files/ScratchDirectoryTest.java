package org.backpropgrader.grader.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class ScratchDirectoryTest {
    @Test
    void makesANewOwnerOnlyDirectoryBelowTheTempDirectoryEachTime() throws Exception {
        Path a = ScratchDirectory.create("scratch-test-");
        Path b = ScratchDirectory.create("scratch-test-");
        try {
            assertNotEquals(a, b);
            for (Path dir : new Path[] {a, b}) {
                assertEquals(Path.of(System.getProperty("java.io.tmpdir")), dir.getParent());
                assertTrue(dir.getFileName()
                        .toString()
                        .startsWith("scratch-test-" + ProcessHandle.current().pid()));
                assertTrue(Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS), dir + " is a real directory");
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            }
        } finally {
            Files.delete(a);
            Files.delete(b);
        }
    }
}
