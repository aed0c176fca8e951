package org.backpropgrader.grader.classreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backpropgrader.grader.batch.BatchLayout;
import org.backpropgrader.grader.batch.BatchStamp;
import org.backpropgrader.grader.batch.ResultFile;
import org.backpropgrader.grader.report.GradeReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's files without a browser: escaping of what students control, links, and self-containment. */
class ClassReportTest {
    @TempDir
    Path tmp;

    private static final String HOSTILE_ID = "<img src=x onerror=alert(1)>&\"'";
    private static final String HOSTILE_OUTPUT = "</script><script>alert('out')</script>\n<b>bold</b>";

    @Test
    void whatStudentsControlNeverBecomesMarkup() throws Exception {
        Path out = tmp.resolve("out");
        ClassReportScaleTest.writeClass(out, 3, new Random(1));
        // a student whose id and printed output are markup; the id is a legal file name on Linux
        Path alice = new BatchLayout(out).result("student0000");
        ResultFile.Read read = ResultFile.read(alice).orElseThrow();
        GradeReport hostile = new GradeReport(
                HOSTILE_ID,
                read.report().score(),
                read.report().maxScore(),
                read.report().policy(),
                read.report().grader(),
                read.report().warnings(),
                read.report().exercises(),
                read.report().gradedAt(),
                1,
                HOSTILE_OUTPUT,
                read.report().compilerOutput());
        Files.writeString(new BatchLayout(out).result(HOSTILE_ID), ResultFile.toJson(hostile, read.stamp()));

        Path index = ClassReport.write(ClassResults.load(out, null));

        String html = Files.readString(index);
        assertFalse(html.contains("<img src=x"), "the id is text, not an element");
        Matcher data = Pattern.compile(
                        "<script type=\"application/json\" id=\"grid-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(data.find());
        assertFalse(data.group(1).contains("<"), "the grid data cannot end its script element");
        JsonObject grid = JsonParser.parseString(data.group(1)).getAsJsonObject();
        JsonArray row = grid.getAsJsonArray("s").get(0).getAsJsonArray();
        assertEquals(HOSTILE_ID, row.get(0).getAsString());
        assertEquals(
                "%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%26%22%27.html",
                row.get(1).getAsString());

        Path page = new BatchLayout(out).reportDir().resolve("submissions").resolve(HOSTILE_ID + ".html");
        String pageHtml = Files.readString(page);
        assertFalse(pageHtml.contains("<script>alert"), "printed output is text");
        assertFalse(pageHtml.contains("<b>bold</b>"));
        assertTrue(pageHtml.contains("&lt;/script&gt;&lt;script&gt;alert("), pageHtml);
        assertTrue(pageHtml.contains("<h1>&lt;img src=x onerror=alert(1)&gt;&amp;"), "the id, escaped");
        assertFalse(pageHtml.contains("<script"), "a submission page has no script at all");
        // hints are text too (the synthetic class's hints carry <b>)
        String other = Files.readString(new BatchLayout(out).reportDir().resolve("submissions/student0001.html"));
        assertFalse(other.contains("<b>not markup</b>"));
    }

    @Test
    void thePagesReferenceNothingOutsideTheReportButTheBatchsOwnFiles() throws Exception {
        Path out = tmp.resolve("out");
        ClassReportScaleTest.writeClass(out, 5, new Random(2));
        Path index = ClassReport.write(ClassResults.load(out, null));
        Path page = new BatchLayout(out).reportDir().resolve("submissions/student0003.html");
        for (Path p : java.util.List.of(index, page)) {
            // the markup, without the grid's script (whose links are made from the grid data, checked above)
            String html = Files.readString(p).replaceAll("(?s)<script>.*?</script>", "");
            Matcher refs = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(html);
            while (refs.find()) {
                String ref = refs.group(1);
                assertFalse(ref.contains(":"), p.getFileName() + " links outside: " + ref);
                assertTrue(
                        Files.exists(
                                p.getParent().resolve(java.net.URI.create(ref).getPath())),
                        p.getFileName() + " links to a file that is not there: " + ref);
            }
            assertFalse(html.contains("@import") || html.contains("url("), "no stylesheet or font fetched");
        }
    }

    @Test
    void submissionPageOfAResultWithoutReportSaysWhy() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(new BatchLayout(out).resultsDir());
        Files.writeString(new BatchLayout(out).result("zed"), "[1, 2");
        ClassReport.write(ClassResults.load(out, null));
        String page = Files.readString(new BatchLayout(out).reportDir().resolve("submissions/zed.html"));
        assertTrue(page.contains("unverified result"), page);
        assertTrue(page.contains("not valid JSON"), page);
        assertTrue(BatchStamp.class.isRecord());
    }
}
