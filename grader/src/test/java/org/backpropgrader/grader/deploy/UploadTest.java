package org.backpropgrader.grader.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where in a platform's upload folder the submission is ({@link Upload}). */
class UploadTest {
    @TempDir
    Path tmp;

    private Path file(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f;
    }

    private Path zip(String name, String... entries) throws IOException {
        Path z = tmp.resolve(name);
        Files.createDirectories(z.getParent());
        try (OutputStream out = Files.newOutputStream(z);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String e : entries) {
                zip.putNextEntry(new ZipEntry(e));
                zip.write(1);
                zip.closeEntry();
            }
        }
        return z;
    }

    @Test
    void sourcesAnywhereBelow_winOverArchives_andTheFolderIsGraded() throws IOException {
        file("repo/src/main/java/student/A.java", "class A {}");
        file("repo/src/main/java/student/b/B.java", "class B {}");
        zip("repo/hw.zip", "student/A.java");
        Upload u = Upload.find(tmp);
        assertEquals(tmp, u.submission());
        assertEquals("2 .java file(s) in repo/src/main/java/student", u.description());
        assertNull(u.problem());
    }

    @Test
    void theHandoutsOwnJars_areNeverTheSubmission_theStudentsZipIs() throws IOException {
        zip("lib/grader.jar", "org/backpropgrader/grader/cli/Main.class");
        zip("repo/org/backpropgrader/reference/0.1.0/reference-0.1.0.jar", "org/backpropgrader/reference/Tensor.class");
        zip("docs.zip", "notes.txt");
        Path mine = zip("handin/hw.zip", "src/main/java/student/MseLinearSolution.java");
        Upload u = Upload.find(tmp);
        assertEquals(mine, u.submission());
        assertEquals("the archive handin/hw.zip", u.description());
    }

    @Test
    void twoArchivesWithCode_isAProblemNamingBoth() throws IOException {
        zip("a.zip", "A.java");
        zip("b.jar", "B.class");
        Upload u = Upload.find(tmp);
        assertNull(u.submission());
        assertTrue(
                u.problem().startsWith("found several archives with Java code: a.zip, b.jar; submit one"), u.problem());
    }

    @Test
    void nothingUsable_isAProblemSayingWhatToSubmit_namingAnUnreadableZip() throws IOException {
        file("hw.zip", "this is not a zip");
        file(".git/objects/x/Y.java", "hidden folders are not the student's code");
        Upload u = Upload.find(tmp);
        assertNull(u.submission());
        assertEquals(
                "no .java or .class files, and no zip or jar holding any, were submitted (hw.zip: not a readable"
                        + " zip); submit your src/main/java/student/*.java files or the zip `make submit` writes",
                u.problem());
    }

    @Test
    void classFilesAlone_areGradedAsClasses() throws IOException {
        file("target/classes/student/A.class", "x");
        Upload u = Upload.find(tmp);
        assertEquals(tmp, u.submission());
        assertEquals("1 .class file(s) in target/classes/student", u.description());
    }
}
