package org.backpropgrader.grader.deploy;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.backpropgrader.grader.files.AtomicFiles;
import org.backpropgrader.grader.handout.Handout;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.Json;

/**
 * The wrappers that run this grader where courses already grade: Gradescope's autograder zip and PrairieLearn's
 * external-grading image. Each carries this grader's jar and the instructor's policy as given (hidden seeds included:
 * both stay with the platform, out of students' reach), and a script that runs {@code grader autograde}, falls back
 * to {@code --sandbox none} only when the OS sandbox cannot start (exit 69), and writes a results file even when the
 * grader itself fails.
 */
public final class PlatformExport {
    /** PrairieLearn refuses a grading job timeout above this (seconds). */
    static final int PRAIRIELEARN_MAX_TIMEOUT = 600;

    private PlatformExport() {}

    /**
     * Gradescope's "Configure Autograder" zip: {@code setup.sh} and {@code run_autograder} at its root (as the
     * specification requires), {@code grader.jar} and {@code policy.json}; Gradescope unpacks it into
     * {@code /autograder/source}.
     */
    public static void gradescope(Path zip, String policyJson) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("setup.sh", resource("gradescope-setup.sh"));
        files.put("run_autograder", resource("gradescope-run_autograder"));
        files.put("policy.json", utf8(policyJson));
        files.put("grader.jar", Handout.graderJar());
        AtomicFiles.write(zip, zip(files));
    }

    /**
     * PrairieLearn's external grader in {@code dir}: a {@code Dockerfile} that bakes {@code grader.jar},
     * {@code policy.json} and the entry point {@code grade.sh} into {@code /grader/}, and {@code info.json}, the
     * {@code externalGradingOptions} to paste into a question's {@code info.json}.
     *
     * @param policy the policy {@code policyJson} reads as (its submission timeout sets the job's)
     */
    public static void prairieLearn(Path dir, String policyJson, Policy policy) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("Dockerfile"), resource("prairielearn-Dockerfile"));
        AtomicFiles.write(dir.resolve("grade.sh"), resource("prairielearn-grade.sh"));
        executable(dir.resolve("grade.sh"));
        AtomicFiles.write(dir.resolve("policy.json"), utf8(policyJson));
        AtomicFiles.write(dir.resolve("grader.jar"), Handout.graderJar());
        AtomicFiles.write(dir.resolve("info.json"), utf8(infoJson(policy)));
    }

    /**
     * The question's {@code externalGradingOptions}: the job may take the submission's timeout plus a minute for
     * the JVMs and the answer keys, within PrairieLearn's maximum.
     */
    static String infoJson(Policy policy) {
        long seconds = (policy.limits().submissionTimeoutMs() + 999) / 1000 + 60;
        JsonObject options = new JsonObject();
        options.addProperty("enabled", true);
        options.addProperty("image", "YOUR_ORG/backprop-grader:latest");
        options.addProperty("entrypoint", "/grader/grade.sh");
        options.addProperty("timeout", Math.min(PRAIRIELEARN_MAX_TIMEOUT, seconds));
        JsonObject info = new JsonObject();
        info.add("externalGradingOptions", options);
        return Json.PRETTY.toJson(info) + "\n";
    }

    private static void executable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the Dockerfile's chmod makes it executable in the image
        }
    }

    /**
     * The zip, entries in a fixed order with a fixed time, so the same grader and policy give the same bytes.
     * {@code java.util.zip} cannot record Unix permissions; {@code setup.sh} makes {@code run_autograder} executable.
     */
    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                ZipEntry e = new ZipEntry(f.getKey());
                e.setTime(0);
                out.putNextEntry(e);
                out.write(f.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PlatformExport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the grader was built without " + name);
            }
            return in.readAllBytes();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
