package org.backpropgrader.grader.classreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.batch.BatchLayout;
import org.backpropgrader.grader.batch.BatchStamp;
import org.backpropgrader.grader.batch.BatchSummary;
import org.backpropgrader.grader.batch.ContentHash;
import org.backpropgrader.grader.batch.ResultFile;
import org.backpropgrader.grader.compare.Hints;
import org.backpropgrader.grader.grading.Scoring;
import org.backpropgrader.grader.model.Check;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.CsvGradebook;
import org.backpropgrader.grader.report.GradeReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class of 2,000: results made up (not graded: that would take an hour here) with a seeded mix of every status and
 * mistake, written as a batch writes them, then the report rendered and opened in headless Chromium. The page must be
 * interactive (its grid rendered and the document parsed) within 2 s, and show one page of the grid, not 2,000 rows.
 * Tagged so that the build runs it alone: a budget in milliseconds means nothing while other suites load the machine.
 */
@Tag("wall-time-budget")
class ClassReportScaleTest {
    static final int STUDENTS = 2_000;
    static final double BUDGET_MS = 2_000;

    @TempDir
    Path tmp;

    @Test
    void twoThousandSubmissionsAreInteractiveWithinTwoSeconds() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.launch(1300, 900)) {
            Path out = tmp.resolve("out");
            writeClass(out, STUDENTS, new Random(20261201));

            long t0 = System.nanoTime();
            Path index = ClassReport.write(ClassResults.load(out, null));
            double renderSeconds = (System.nanoTime() - t0) / 1e9;

            browser.open(index.toUri().toString());
            JsonObject timing = browser.eval("(() => { const nav = performance.getEntriesByType('navigation')[0];"
                            + " return {grid: performance.getEntriesByName('grid-rendered')[0].startTime,"
                            + " dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,"
                            + " rows: document.querySelectorAll('#grid-table tbody tr').length,"
                            + " range: document.getElementById('grid-range').textContent}; })()")
                    .getAsJsonObject();
            double grid = timing.get("grid").getAsDouble();
            double dcl = timing.get("dcl").getAsDouble();
            double interactive = Math.max(grid, dcl);
            JsonObject sort = browser.eval("(() => { const t = performance.now();"
                            + " document.querySelector('#grid-table th[data-sort=\"9\"]').click();"
                            + " const sorted = performance.now() - t;"
                            + " const s = document.getElementById('grid-exercise'); s.value = '3';"
                            + " const t2 = performance.now(); s.dispatchEvent(new Event('change'));"
                            + " return {sort: sorted, filter: performance.now() - t2,"
                            + " rows: document.querySelectorAll('#grid-table tbody tr').length}; })()")
                    .getAsJsonObject();
            long indexBytes = Files.size(index);
            System.out.printf(
                    Locale.ROOT,
                    "class report, %d submissions: rendered in %.2f s (index.html %d KiB);"
                            + " in Chromium the grid was rendered %.0f ms after navigation start, DOMContentLoaded at %.0f ms,"
                            + " load at %.0f ms; sort by a gradient %.0f ms, filter by exercise %.0f ms%n",
                    STUDENTS,
                    renderSeconds,
                    indexBytes / 1024,
                    grid,
                    dcl,
                    timing.get("load").getAsDouble(),
                    sort.get("sort").getAsDouble(),
                    sort.get("filter").getAsDouble());

            assertEquals(50, timing.get("rows").getAsInt(), "one page of the grid, not the whole class");
            assertEquals("1–50 of " + STUDENTS, timing.get("range").getAsString());
            assertEquals(50, sort.get("rows").getAsInt());
            assertTrue(interactive < BUDGET_MS, "interactive after " + interactive + " ms");
            assertEquals(List.of(), browser.errors());
            try (var pages = Files.list(new BatchLayout(out).reportDir().resolve("submissions"))) {
                assertEquals(STUDENTS, pages.count());
            }
            browser.screenshot(Path.of("target/class-report-2000.png"));
        }
    }

    /** {@code n} results and the summary, as a batch writes them, with a seeded mix of statuses and mistakes. */
    static void writeClass(Path out, int n, Random random) throws Exception {
        Files.createDirectories(new BatchLayout(out).resultsDir());
        Policy policy = Policy.defaults();
        String policyHash = ContentHash.policy(policy);
        List<ResultFile.Read> reads = new ArrayList<>();
        Hints.Kind[] kinds = Hints.Kind.values();
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "student%04d", i);
            double skill = random.nextDouble();
            List<ExerciseResult> exercises = new ArrayList<>();
            for (Exercise<?, ?> e : Exercises.all()) {
                List<GradientResult> grads = new ArrayList<>();
                boolean missing = random.nextDouble() < 0.03;
                for (Gradient<?, ?> g : e.gradients()) {
                    if (missing) {
                        grads.add(Scoring.unrun(
                                g.name(),
                                g.points(),
                                policy.seeds(),
                                Mode.ISOLATED,
                                Status.MISSING,
                                "no class implements " + e.id()));
                        continue;
                    }
                    double r = random.nextDouble() * (1.5 - skill);
                    Check c;
                    long seed = policy.seeds().get(0);
                    if (r < 0.7) {
                        c = new Check(seed, Mode.ISOLATED, Status.EXACT, true, true, 0, 0, null, null, null);
                    } else if (r < 0.8) {
                        c = new Check(seed, Mode.ISOLATED, Status.CLOSE, false, true, 1e-7, 1e-6, null, null, null);
                    } else if (r < 1.2) {
                        Hints.Kind k = kinds[random.nextInt(kinds.length)];
                        Status status = k == Hints.Kind.SHAPE || k == Hints.Kind.KEEPDIM || k == Hints.Kind.MISSING_SUM
                                ? Status.SHAPE
                                : Status.WRONG;
                        c = new Check(
                                seed,
                                Mode.ISOLATED,
                                status,
                                false,
                                false,
                                0.5,
                                2,
                                "a hint of kind " + k.code() + " <b>not markup</b>",
                                k.code(),
                                "Mismatched elements: 3 / 10 (30.0%)");
                    } else if (r < 1.3) {
                        c = Check.notCompared(seed, Mode.ISOLATED, Status.NOT_IMPLEMENTED, "not implemented");
                    } else if (r < 1.4) {
                        c = Check.notCompared(
                                seed,
                                Mode.ISOLATED,
                                Status.ERROR,
                                "threw java.lang.ArithmeticException: / by zero (at X.java:12)");
                    } else {
                        c = Check.notCompared(seed, Mode.ISOLATED, Status.TIMEOUT, "did not return within 10000 ms");
                    }
                    grads.add(Scoring.gradientResult(g.name(), g.points(), Mode.ISOLATED, List.of(c)));
                }
                exercises.add(
                        missing
                                ? Scoring.unrunnable(
                                        e.id(), e.title(), 1, Status.MISSING, "no class implements " + e.id(), grads)
                                : Scoring.exerciseResult(e.id(), e.title(), 1, grads));
            }
            GradeReport report = GradeReport.of(
                            id,
                            policy,
                            List.of(),
                            exercises,
                            Instant.parse("2026-12-01T12:00:00Z"),
                            Duration.ofMillis(800))
                    .withStudentOutput(i % 10 == 0 ? "loss 6.0275\n" : "");
            BatchStamp stamp = new BatchStamp("sha256:" + "0".repeat(64), policyHash, id, null);
            Files.writeString(
                    new BatchLayout(out).result(id), ResultFile.toJson(report, stamp), StandardCharsets.UTF_8);
            reads.add(new ResultFile.Read(report, stamp));
        }
        List<CsvGradebook.Row> rows = reads.stream()
                .map(r -> new CsvGradebook.Row(
                        org.backpropgrader.grader.roster.Student.unlisted(
                                r.report().submission()),
                        r.report()))
                .toList();
        Files.writeString(
                new BatchLayout(out).gradebook(),
                CsvGradebook.write(rows, CsvGradebook.Options.canvas()),
                StandardCharsets.UTF_8);
        Files.writeString(
                new BatchLayout(out).summary(),
                BatchSummary.of(
                                reads,
                                n,
                                0,
                                60,
                                policy.maxScore(),
                                policyHash,
                                org.backpropgrader.exercises.Exercises.all())
                        .toJson(),
                StandardCharsets.UTF_8);
    }
}
