package org.backpropgrader.grader.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.report.Json;

/**
 * The fingerprints that let {@code --resume} tell a finished result from a stale one: SHA-256 of what was graded and
 * of how it was graded, spelled {@code sha256:<64 hex digits>}.
 */
public final class ContentHash {
    static final String PREFIX = "sha256:";

    private ContentHash() {}

    /**
     * A submission's fingerprint. A regular file (zip, jar, anything) is hashed as its bytes. A directory is hashed
     * as its files sorted by relative path ({@code /}-separated), each contributing its path, a NUL, its length as
     * eight bytes and its bytes, so that moving bytes between files or renaming a file changes the hash. Symbolic
     * links are not followed; a link contributes its target's text.
     */
    public static String submission(Path entry) throws IOException {
        MessageDigest sha = sha256();
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            digestFile(sha, entry);
            return hex(sha);
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(entry)) {
            walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> files.add(slashed(entry.relativize(p))));
        }
        files.sort(null);
        for (String name : files) {
            Path file = entry.resolve(name);
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            if (Files.isSymbolicLink(file)) {
                byte[] target = ("symlink:" + Files.readSymbolicLink(file)).getBytes(StandardCharsets.UTF_8);
                sha.update(
                        ByteBuffer.allocate(Long.BYTES).putLong(target.length).array());
                sha.update(target);
            } else {
                sha.update(ByteBuffer.allocate(Long.BYTES)
                        .putLong(Files.size(file))
                        .array());
                digestFile(sha, file);
            }
        }
        return hex(sha);
    }

    /** How a submission is graded: the applied policy's canonical JSON and the grader's version. */
    public static String policy(Policy policy) {
        MessageDigest sha = sha256();
        sha.update(Json.COMPACT.toJson(policy).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(GradeReport.GraderInfo.current().version().getBytes(StandardCharsets.UTF_8));
        return hex(sha);
    }

    private static void digestFile(MessageDigest sha, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
    }

    private static String slashed(Path relative) {
        StringBuilder s = new StringBuilder();
        for (Path part : relative) {
            s.append(s.length() == 0 ? "" : "/").append(part);
        }
        return s.toString();
    }

    private static String hex(MessageDigest sha) {
        return PREFIX + HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
