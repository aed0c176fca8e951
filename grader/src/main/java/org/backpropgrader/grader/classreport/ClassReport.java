package org.backpropgrader.grader.classreport;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.backpropgrader.grader.batch.BatchLayout;
import org.backpropgrader.grader.files.Directories;

/**
 * The instructor's class report: {@code OUT/report/index.html} and one page per submission under
 * {@code OUT/report/submissions/}, made from the results of a batch ({@link ClassResults}). Self-contained: CSS,
 * script, data and charts (SVG) are inline, every link is relative, nothing is fetched, so it opens from the file
 * system, can be moved or zipped whole, and prints.
 *
 * <p>The HTML comes from jte templates ({@code src/main/jte/classreport}), compiled to Java at build time: a template
 * that does not type-check against these records fails the build, and every {@code ${…}} is escaped for the place
 * it is written in (text, attribute), so a student id or a student's printed output can never become markup.
 *
 * <p>The report is written next to the results and replaced whole: pages are rendered into a scratch directory,
 * which then takes the old report's place, so a reader never sees half of an old and half of a new report.
 */
public final class ClassReport {
    static final String INDEX = "index.html";
    static final String SUBMISSIONS = "submissions";

    private static final DateTimeFormatter GENERATED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private ClassReport() {}

    /** Writes the report of {@code loaded} into {@code loaded.out()/report}; returns the index page's path. */
    public static Path write(ClassResults.Loaded loaded) throws IOException {
        Path dir = new BatchLayout(loaded.out()).reportDir();
        Path scratch = loaded.out().resolve(".report-" + UUID.randomUUID());
        try {
            render(loaded, scratch);
            Path old = null;
            if (Files.exists(dir)) {
                old = loaded.out().resolve(".report-old-" + UUID.randomUUID());
                Files.move(dir, old);
            }
            try {
                Files.move(scratch, dir);
            } catch (IOException e) {
                if (old != null) {
                    Files.move(old, dir); // the last report stays rather than none
                }
                throw e;
            }
            if (old != null) {
                Directories.deleteQuietly(old);
            }
        } finally {
            Directories.deleteQuietly(scratch);
        }
        return dir.resolve(INDEX);
    }

    private static void render(ClassResults.Loaded loaded, Path dir) throws IOException {
        Files.createDirectories(dir.resolve(SUBMISSIONS));
        IndexPage.Assets assets = new IndexPage.Assets(resource("report.css"), resource("grid.js"));
        Map<String, List<Flags.Flag>> flags = new LinkedHashMap<>();
        for (ClassResults.Entry e : loaded.entries()) {
            flags.put(e.id(), Flags.of(e));
        }
        IndexPage index = IndexPage.of(loaded, flags, assets, GENERATED.format(Instant.now()));
        Files.write(dir.resolve(INDEX), render("classreport/index.jte", index));
        // Each page is its own file: rendered and written in parallel.
        try {
            loaded.entries().parallelStream().forEach(e -> {
                SubmissionPage page = SubmissionPage.of(e, flags.get(e.id()), assets);
                try {
                    Files.write(
                            dir.resolve(SUBMISSIONS).resolve(Links.pageFile(e.id())),
                            render("classreport/submission.jte", page));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static byte[] render(String template, Object page) {
        StringOutput out = new StringOutput(64 * 1024);
        TEMPLATES.render(template, page, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = ClassReport.class.getResourceAsStream("/classreport/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the grader jar lacks /classreport/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
