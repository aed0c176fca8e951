package org.backpropgrader.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Against the LTI Advantage AGS Score service's JSON. */
class LtiScoreTest {
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2})";

    @Test
    void ltiScoreHasTheAgsFields() {
        JsonObject o = JsonParser.parseString(
                        LtiScore.of(Reports.unordered(), "lti-user-42").toJson())
                .getAsJsonObject();
        assertEquals(
                Set.of(
                        "userId",
                        "scoreGiven",
                        "scoreMaximum",
                        "comment",
                        "timestamp",
                        "activityProgress",
                        "gradingProgress"),
                o.keySet());
        assertEquals("lti-user-42", o.get("userId").getAsString());
        assertEquals(6, o.get("scoreGiven").getAsDouble());
        assertEquals(15, o.get("scoreMaximum").getAsDouble());
        assertEquals("Completed", o.get("activityProgress").getAsString());
        assertEquals("FullyGraded", o.get("gradingProgress").getAsString());
        assertEquals(
                "backprop-grader: 6/15 (mse-linear 4/4, bce-logistic 2/6, l2-linear 0/5)",
                o.get("comment").getAsString());
    }

    @Test
    void timestampHasMillisecondsAndAnOffset() {
        String t = LtiScore.of(Reports.unordered(), "u").timestamp();
        assertEquals("2026-11-26T19:40:58.123Z", t);
        assertTrue(t.matches(TIMESTAMP), t);
        OffsetDateTime.parse(t);
    }

    @Test
    void timestampGainsMillisecondsWhenTheReportHadNone() {
        GradeReport r = Reports.unordered();
        GradeReport noMillis = new GradeReport(
                r.submission(),
                r.score(),
                r.maxScore(),
                r.policy(),
                r.grader(),
                List.of(),
                r.exercises(),
                "2026-11-26T19:40:58Z",
                1,
                "",
                null);
        assertEquals("2026-11-26T19:40:58.000Z", LtiScore.of(noMillis, "u").timestamp());
    }
}
