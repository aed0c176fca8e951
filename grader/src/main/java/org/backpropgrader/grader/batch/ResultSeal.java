package org.backpropgrader.grader.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.backpropgrader.grader.files.AtomicFiles;

/**
 * The SHA-256 of the results written the moment one submission is graded ({@link BatchLayout#gradedFiles}: native and
 * Gradescope), written by the grader right after them into its seal file ({@link BatchLayout#seal}:
 * {@code OUT/.integrity/<id>.sha256}), a place no sandboxed child can see. {@code --resume} keeps a result only if
 * the files still hash to their seal, so results rewritten by anyone but the grader (a process a submission left
 * behind, in an unsandboxed run) are graded again instead of kept.
 */
final class ResultSeal {
    private ResultSeal() {}

    /** Writes the seal of {@code results} as they are on disk now into {@code sealFile}. */
    static void seal(Path sealFile, List<Path> results) throws IOException {
        Files.createDirectories(sealFile.getParent());
        AtomicFiles.write(sealFile, (digest(results) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code results} exist and still hash to the seal in {@code sealFile}. */
    static boolean holds(Path sealFile, List<Path> results) {
        try {
            String sealed =
                    Files.readString(sealFile, StandardCharsets.US_ASCII).strip();
            return sealed.equals(digest(results));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** One hash over the files' names and contents, in order. */
    private static String digest(List<Path> files) throws IOException {
        MessageDigest sha = ContentHash.sha256();
        for (Path f : files) {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(f.toString());
            }
            byte[] content = Files.readAllBytes(f);
            sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Long.toString(content.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(content);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
