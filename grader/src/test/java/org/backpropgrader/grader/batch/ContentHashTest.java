package org.backpropgrader.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpropgrader.grader.policy.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHashTest {
    @TempDir
    Path tmp;

    @Test
    void aDirectoryHashesItsPathsAndBytesWhereverItLives() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a/pkg"));
        Files.writeString(a.resolve("X.java"), "class X {}");
        Files.writeString(a.resolve("Y.java"), "class Y {}");
        Path b = ClassSubmissions.copy(tmp.resolve("a"), tmp.resolve("b"));
        assertEquals(ContentHash.submission(tmp.resolve("a")), ContentHash.submission(b));

        Files.writeString(b.resolve("pkg/Y.java"), "class Y { }");
        assertNotEquals(ContentHash.submission(tmp.resolve("a")), ContentHash.submission(b));

        Path c = ClassSubmissions.copy(tmp.resolve("a"), tmp.resolve("c"));
        Files.move(c.resolve("pkg/Y.java"), c.resolve("pkg/Z.java"));
        assertNotEquals(ContentHash.submission(tmp.resolve("a")), ContentHash.submission(c), "a rename counts");
    }

    @Test
    void movingBytesBetweenFilesChangesTheHash() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Files.writeString(a.resolve("1"), "ab");
        Files.writeString(a.resolve("2"), "c");
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(b.resolve("1"), "a");
        Files.writeString(b.resolve("2"), "bc");
        assertNotEquals(ContentHash.submission(a), ContentHash.submission(b));
    }

    @Test
    void aFileHashesItsBytes() throws Exception {
        Path zip = Files.write(tmp.resolve("s.zip"), new byte[] {1, 2, 3});
        assertEquals(
                "sha256:039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", ContentHash.submission(zip));
    }

    @Test
    void thePolicyHashFollowsThePolicy() {
        assertEquals(ContentHash.policy(Policy.defaults()), ContentHash.policy(Policy.defaults()));
        assertNotEquals(
                ContentHash.policy(Policy.defaults()),
                ContentHash.policy(Policy.defaults().withSeeds(List.of(1L))));
    }
}
