package org.backpropgrader.grader.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.backpropgrader.grader.files.AtomicFiles;

/**
 * The SHA-256 of the results written the moment one submission is graded ({@link BatchLayout#gradedFiles}: native and
 * Gradescope), computed from their bytes and written by the grader just before them into its seal file
 * ({@link BatchLayout#seal}: {@code OUT/.integrity/<id>.sha256}), a place no sandboxed child can see. {@code --resume}
 * keeps a result only if the files still hash to their seal, so results rewritten by anyone but the grader (a process a
 * submission left behind, in an unsandboxed run) are graded again instead of kept.
 */
final class ResultSeal {
    private ResultSeal() {}

    /**
     * Writes into {@code sealFile} the seal of {@code results} as they will be once {@code contents} (one array a file,
     * in the same order) are written to them: a batch seals a submission's results before it writes them, so that the
     * native result, written last, is the one commit marker ({@link BatchGrader#write}).
     */
    static void seal(Path sealFile, List<Path> results, List<byte[]> contents) throws IOException {
        Files.createDirectories(sealFile.getParent());
        AtomicFiles.write(sealFile, (digest(results, contents) + "\n").getBytes(StandardCharsets.US_ASCII));
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

    /** One hash over the files' names and contents (as on disk now), in order. */
    private static String digest(List<Path> files) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(f.toString());
            }
            contents.add(Files.readAllBytes(f));
        }
        return digest(files, contents);
    }

    /** One hash over the files' names and the given contents, in order. */
    private static String digest(List<Path> files, List<byte[]> contents) {
        if (files.size() != contents.size()) {
            throw new IllegalArgumentException(files.size() + " files but " + contents.size() + " contents");
        }
        MessageDigest sha = ContentHash.sha256();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            byte[] content = contents.get(i);
            sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Long.toString(content.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(content);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
