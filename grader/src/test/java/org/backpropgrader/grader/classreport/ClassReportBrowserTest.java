package org.backpropgrader.grader.classreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.backpropgrader.grader.Catalog;
import org.backpropgrader.grader.batch.BatchGrader;
import org.backpropgrader.grader.batch.BatchLayout;
import org.backpropgrader.grader.batch.ClassSubmissions;
import org.backpropgrader.grader.batch.Progress;
import org.backpropgrader.grader.compare.ShapeRule;
import org.backpropgrader.grader.model.Mode;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.report.Format;
import org.backpropgrader.grader.run.ChildJvmRunner;
import org.backpropgrader.grader.sandbox.TestSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class report of a mixed class, graded for real in child JVMs (correct, classic mistakes, a zip, a corrupt zip,
 * a compile error, an endless loop, {@code System.exit}, a print flood, the misbehaving example) plus a torn result
 * file, opened in headless Chromium: what the page shows equals {@code summary.json}, the grid works, nothing is
 * fetched, nothing is logged as an error. Screenshots go to {@code target/class-report*.png}.
 */
class ClassReportBrowserTest {
    @TempDir
    static Path tmp;

    static Path out;
    static JsonObject summary;
    static HeadlessChromium browser;

    private static final String CORRECT_DIFF = "return f.diff().mul(2).mul(ddiff2);";

    @BeforeAll
    static void gradeAMixedClassAndOpenItsReport() throws Exception {
        browser = HeadlessChromium.launch(1300, 900); // first: without a browser there is nothing to grade for
        Path subs = Files.createDirectory(tmp.resolve("subs"));
        ClassSubmissions.correct(subs, "alice");
        ClassSubmissions.mistakes(subs, "bob");
        ClassSubmissions.zip(subs, "carol", "correct");
        ClassSubmissions.corruptZip(subs, "dave");
        ClassSubmissions.compileError(subs, "erin");
        withDiff(subs, "frank", "while (ddiff2 != null) { } return null;");
        // a child that dies: out of memory ends its JVM (System.exit would be refused at load); one allocation larger
        // than the heap, so that the end comes at once, not after the collector thrashed past the time limit
        withDiff(subs, "gina", "long[] hog = new long[1 << 28]; hog[hog.length - 1] = 1; return null;");
        withDiff(
                subs,
                "hank",
                "for (int i = 0; i < 2000; i++) { System.out.println(\"debugging diff \" + i); } " + CORRECT_DIFF);
        ClassSubmissions.copy(ClassSubmissions.examples().resolve("misbehaving"), subs.resolve("misbehaving"));
        out = tmp.resolve("out");
        Policy policy = new Policy(
                List.of(Policy.NOTEBOOK_SEED),
                Mode.ISOLATED,
                ShapeRule.STRICT,
                null,
                Map.of(),
                new Policy.Limits(2_000, 60_000, 256, 1024, 4096));
        new BatchGrader(ChildJvmRunner.factory(TestSandboxes.standard()), Progress.SILENT)
                .run(new BatchGrader.Request(subs, out, 2, false, policy));
        // A result torn by a crash or an edit: shown and flagged, not dropped.
        Files.writeString(new BatchLayout(out).result("zed"), "{\"submission\": \"zed\", \"score\": 4");
        ClassReport.write(ClassResults.load(out, subs));
        summary = JsonParser.parseString(Files.readString(new BatchLayout(out).summary()))
                .getAsJsonObject();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static void withDiff(Path subs, String id, String body) throws Exception {
        Path file = ClassSubmissions.correct(subs, id).resolve("notebook/MseLinearNotebook.java");
        String source = Files.readString(file);
        assertTrue(source.contains(CORRECT_DIFF), "the example's diff changed: " + file);
        Files.writeString(file, source.replace(CORRECT_DIFF, body));
    }

    private static String index() {
        return new BatchLayout(out).reportDir().resolve("index.html").toUri().toString();
    }

    private static JsonElement eval(String js) throws Exception {
        return browser.eval(js);
    }

    @Test
    void theCountsOnThePageAreThoseOfSummaryJson() throws Exception {
        browser.open(index());

        int n = summary.get("submissions").getAsInt();
        assertEquals(9, n);
        assertEquals(
                n + 1,
                eval("+document.getElementById('count-submissions').textContent")
                        .getAsInt(),
                "every result file, the torn one too");
        assertEquals(
                summary.get("failed").getAsInt(),
                eval("+document.getElementById('count-failed').textContent").getAsInt());
        assertEquals(
                Format.points(summary.get("meanScore").getAsDouble()),
                eval("document.getElementById('mean-score').textContent").getAsString());
        assertEquals(
                Format.points(summary.get("medianScore").getAsDouble()),
                eval("document.getElementById('median-score').textContent").getAsString());

        JsonObject bins = eval("Object.fromEntries([...document.querySelectorAll('#scores .bin')]"
                        + ".map(g => [g.dataset.bin, +g.dataset.count]))")
                .getAsJsonObject();
        assertEquals(summary.getAsJsonObject("histogram"), bins);

        JsonObject passRates = eval("Object.fromEntries([...document.querySelectorAll('#gradients tr[data-gradient]')]"
                        + ".map(r => [r.dataset.gradient, +r.dataset.passRate]))")
                .getAsJsonObject();
        assertEquals(summary.getAsJsonObject("gradientPassRate"), passRates);

        JsonObject mistakes = eval("Object.fromEntries([...document.querySelectorAll('#gradients tr[data-gradient]')]"
                        + ".filter(r => r.querySelector('[data-code]')).map(r => [r.dataset.gradient, Object.fromEntries("
                        + "[...r.querySelectorAll('[data-code]')].map(m => [m.dataset.code, +m.dataset.count]))]))")
                .getAsJsonObject();
        JsonObject hintCounts = summary.getAsJsonObject("hintCounts");
        assertEquals(hintCounts, mistakes);
        assertTrue(hintCounts.size() >= 5, "the class makes several kinds of mistake: " + hintCounts);
        // in the order of summary.json: most frequent first
        assertEquals(
                List.copyOf(hintCounts.getAsJsonObject("mse-linear/diff2").keySet()),
                List.copyOf(mistakes.getAsJsonObject("mse-linear/diff2").keySet()));

        JsonObject statuses = eval("Object.fromEntries([...document.querySelectorAll('#exercises tr[data-exercise]')]"
                        + ".map(r => [r.dataset.exercise, Object.fromEntries([...r.querySelectorAll('[data-status]')]"
                        + ".map(b => [b.dataset.status, +b.dataset.count]))]))")
                .getAsJsonObject();
        for (Map.Entry<String, JsonElement> e :
                summary.getAsJsonObject("exerciseStatus").entrySet()) {
            JsonObject nonZero = new JsonObject();
            e.getValue().getAsJsonObject().entrySet().stream()
                    .filter(s -> s.getValue().getAsInt() > 0)
                    .forEach(s -> nonZero.add(s.getKey(), s.getValue()));
            assertEquals(nonZero, statuses.get(e.getKey()), e.getKey());
        }
        assertNothingFetchedNorLogged();
        browser.screenshot(Path.of("target/class-report.png"));
    }

    @Test
    void theGridShowsEveryStudentsStatusesAndSortsAndFilters() throws Exception {
        browser.open(index());
        assertEquals(
                "true",
                eval("document.getElementById('grid-table').dataset.ready").getAsString());
        assertEquals(
                "1–10 of 10",
                eval("document.getElementById('grid-range').textContent").getAsString());
        JsonObject grid = eval("Object.fromEntries([...document.querySelectorAll('#grid-table tbody tr')]"
                        + ".map(r => [r.dataset.id, [...r.querySelectorAll('td.c')].map(c => c.dataset.s).join('')]))")
                .getAsJsonObject();
        assertEquals(
                Set.of("alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank", "misbehaving", "zed"),
                grid.keySet());
        assertEquals("?".repeat(Catalog.gradients()), grid.get("zed").getAsString());
        // per gradient, the cells that earn points are the pass rate of summary.json
        List<String> keys =
                List.copyOf(summary.getAsJsonObject("gradientPassRate").keySet());
        int n = summary.get("submissions").getAsInt();
        for (int g = 0; g < keys.size(); g++) {
            int passed = 0;
            for (String id : grid.keySet()) {
                char s = grid.get(id).getAsString().charAt(g);
                passed += s == 'E' || s == 'C' ? 1 : 0;
            }
            double rate =
                    summary.getAsJsonObject("gradientPassRate").get(keys.get(g)).getAsDouble();
            assertEquals(rate, Math.round(passed * 1e4 / n) / 1e4, keys.get(g));
        }
        assertEquals("EEEEEEEE", grid.get("alice").getAsString().substring(0, 8));
        assertEquals('T', grid.get("frank").getAsString().charAt(1), "frank's endless diff: " + grid.get("frank"));

        // filter by exercise: only mse-linear's eight gradients remain
        eval("(() => { const s = document.getElementById('grid-exercise'); s.value = '0';"
                + " s.dispatchEvent(new Event('change')); })()");
        assertEquals(
                8,
                eval("document.querySelectorAll('#grid-table thead th.g').length")
                        .getAsInt());
        assertEquals(
                8,
                eval("document.querySelector('#grid-table tbody tr').querySelectorAll('td.c').length")
                        .getAsInt());
        // sort by score, twice: descending puts full marks first
        eval("document.querySelector('#grid-table th[data-sort=score]').click()");
        JsonArray ascending = eval("[...document.querySelectorAll('#grid-table tbody tr')].map(r => r.dataset.id)")
                .getAsJsonArray();
        eval("document.querySelector('#grid-table th[data-sort=score]').click()");
        JsonArray descending = eval("[...document.querySelectorAll('#grid-table tbody tr')].map(r => r.dataset.id)")
                .getAsJsonArray();
        assertEquals("zed", ascending.get(0).getAsString(), "no score sorts first: " + ascending);
        assertEquals(
                Set.of("alice", "carol"),
                Set.of(descending.get(0).getAsString(), descending.get(1).getAsString()));
        // sort by a gradient column: the failing ones first
        eval("document.querySelector('#grid-table th[data-sort=\"1\"]').click()");
        JsonArray byDiff = eval("[...document.querySelectorAll('#grid-table tbody tr')].map(r => r.querySelectorAll("
                        + "'td.c')[1].dataset.s)")
                .getAsJsonArray();
        assertEquals("?", byDiff.get(0).getAsString());
        assertEquals("E", byDiff.get(byDiff.size() - 1).getAsString());
        // flagged only
        eval("(() => { const c = document.getElementById('grid-flagged'); c.checked = true;"
                + " c.dispatchEvent(new Event('change')); })()");
        JsonArray flagged = eval("[...document.querySelectorAll('#grid-table tbody tr')].map(r => r.dataset.id)")
                .getAsJsonArray();
        Set<String> flaggedIds = new TreeSet<>();
        flagged.forEach(e -> flaggedIds.add(e.getAsString()));
        assertEquals(Set.of("dave", "erin", "frank", "gina", "hank", "misbehaving", "zed"), flaggedIds);
        assertNothingFetchedNorLogged();
        browser.screenshot(Path.of("target/class-report-grid.png"));
    }

    @Test
    void flaggedSubmissionsSayWhy() throws Exception {
        browser.open(index());
        JsonObject flags = eval("Object.fromEntries([...document.querySelectorAll('#flagged tr[data-id]')].map(r =>"
                        + " [r.dataset.id, [...r.querySelectorAll('[data-flag]')].map(f => f.dataset.flag).join(' ')]))")
                .getAsJsonObject();
        Map<String, String> byId = new TreeMap<>();
        flags.entrySet().forEach(e -> byId.put(e.getKey(), e.getValue().getAsString()));
        assertEquals(
                Map.of(
                        "dave",
                        "failed",
                        "erin",
                        "error",
                        "frank",
                        "timeout",
                        "gina",
                        "killed",
                        "hank",
                        "capped-output",
                        "misbehaving",
                        "error",
                        "zed",
                        "unverified"),
                byId);
        String text = eval("document.getElementById('flagged').textContent").getAsString();
        assertTrue(text.contains("did not return within 2000 ms"), text);
        assertTrue(text.contains("child exited with code 3"), text);
        assertTrue(text.contains("dave.zip"), text);
        assertTrue(text.contains("not valid JSON"), text);
        assertTrue(text.contains("two classes implement BceLogisticBackward"), text);
        assertNothingFetchedNorLogged();
    }

    @Test
    void aSubmissionPageHasChecksTableTheReasonsAndTheOutput() throws Exception {
        browser.open(new BatchLayout(out)
                .reportDir()
                .resolve("submissions/bob.html")
                .toUri()
                .toString());
        JsonObject rows = eval("Object.fromEntries([...document.querySelectorAll('table.check tr[data-gradient]')]"
                        + ".map(r => [r.dataset.gradient, r.dataset.status]))")
                .getAsJsonObject();
        assertEquals(Catalog.gradients(), rows.size());
        JsonObject result = JsonParser.parseString(Files.readString(new BatchLayout(out).result("bob")))
                .getAsJsonObject();
        Map<String, String> expected = new HashMap<>();
        Set<String> notExact = new TreeSet<>();
        for (JsonElement e : result.getAsJsonArray("exercises")) {
            for (JsonElement g : e.getAsJsonObject().getAsJsonArray("gradients")) {
                String key = e.getAsJsonObject().get("id").getAsString() + "/"
                        + g.getAsJsonObject().get("name").getAsString();
                String status = g.getAsJsonObject().get("status").getAsString();
                expected.put(key, status);
                if (!status.equals("EXACT")) {
                    notExact.add(key);
                }
            }
        }
        Map<String, String> shown = new HashMap<>();
        rows.entrySet().forEach(e -> shown.put(e.getKey(), e.getValue().getAsString()));
        assertEquals(expected, shown);
        JsonArray reasons = eval("[...document.querySelectorAll('.reason-block')].map(b => b.dataset.gradient)")
                .getAsJsonArray();
        Set<String> reasonKeys = new TreeSet<>();
        reasons.forEach(r -> reasonKeys.add(r.getAsString()));
        assertEquals(notExact, reasonKeys);
        assertNothingFetchedNorLogged();

        browser.open(new BatchLayout(out)
                .reportDir()
                .resolve("submissions/hank.html")
                .toUri()
                .toString());
        String output = eval("document.querySelector('pre.output').textContent").getAsString();
        assertTrue(output.startsWith("debugging diff 0\n"), output.substring(0, 40));
        assertTrue(output.matches("(?s).*\\n… \\d+ more bytes\\s*"), output.substring(output.length() - 60));
        assertNothingFetchedNorLogged();
        browser.screenshot(Path.of("target/class-report-submission.png"));
    }

    @Test
    void itPrintsWithoutTheGridsControls() throws Exception {
        browser.open(index());
        browser.emulateMedia("print");
        try {
            assertEquals(
                    "none",
                    eval("getComputedStyle(document.querySelector('.controls')).display")
                            .getAsString());
            assertEquals(
                    "block",
                    eval("getComputedStyle(document.getElementById('gradients')).display")
                            .getAsString());
        } finally {
            browser.emulateMedia("screen");
        }
        byte[] pdf = browser.pdf();
        String head = new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("%PDF-", head);
        Files.write(Path.of("target/class-report.pdf"), pdf);
        assertNothingFetchedNorLogged();
    }

    private static void assertNothingFetchedNorLogged() throws Exception {
        String page = eval("location.href").getAsString();
        for (String url : browser.requests()) {
            assertTrue(url.equals(page), "the page requested " + url);
        }
        assertEquals(List.of(), browser.errors());
    }
}
