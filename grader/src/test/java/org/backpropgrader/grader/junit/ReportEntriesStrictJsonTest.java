package org.backpropgrader.grader.junit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.backpropgrader.grader.report.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The JSON the engine publishes as report entries (what Surefire and IDEs record) is strict RFC 8259, also for a
 * student's NaN and a SHAPE row: {@code examples/misbehaving} returns both.
 */
class ReportEntriesStrictJsonTest {
    @SelfCheck(submission = "../examples/misbehaving")
    static class MisbehavingSelfCheck {}

    @Test
    void everyReportEntry_ofANaNAndAShapeAnswer_isStrictJson() {
        EngineExecutionResults results = EngineTestKit.engine(new GradingTestEngine())
                .selectors(DiscoverySelectors.selectClass(MisbehavingSelfCheck.class))
                .execute();

        List<ReportEntry> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow())
                .toList();
        assertFalse(entries.isEmpty(), "the engine publishes its results as report entries");
        boolean sawNaN = false;
        boolean sawNull = false;
        for (ReportEntry entry : entries) {
            for (Map.Entry<String, String> kv : entry.getKeyValuePairs().entrySet()) {
                String value = kv.getValue().strip();
                if (value.startsWith("{") || value.startsWith("[")) {
                    StrictJson.parse("report entry " + kv.getKey(), value);
                    sawNaN |= value.contains("\"maxdiff\":\"NaN\"");
                    sawNull |= value.contains("\"maxdiff\":null");
                }
            }
        }
        assertTrue(sawNaN, "mse-linear y returns NaN: a compared check whose maxdiff is the string \"NaN\"");
        assertTrue(sawNull, "a SHAPE or ERROR row: maxdiff null");
    }
}
