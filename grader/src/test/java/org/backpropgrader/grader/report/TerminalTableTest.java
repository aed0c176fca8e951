package org.backpropgrader.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTableTest {
    private static final String ESC = "\u001b[";

    private static String plain() {
        return TerminalTable.render(Reports.unordered(), false);
    }

    private static String rowOf(String table, String exercise, String gradient) {
        String section = table.substring(table.indexOf(exercise + ":"));
        return section.lines()
                .filter(l -> l.startsWith("  " + gradient + " "))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void exercisesComeInNotebookOrderWithTheirPointsAndATotal() {
        String table = plain();
        int mse = table.indexOf("mse-linear: linear regression, mean squared error");
        int bce = table.indexOf("bce-logistic: ");
        int l2 = table.indexOf("l2-linear: ");
        assertTrue(0 <= mse && mse < bce && bce < l2, table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("mse-linear: ") && l.endsWith(" 4/4")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("bce-logistic: ") && l.endsWith(" 2/6")), table);
        assertTrue(table.endsWith("total 6/15\n"), table);
        assertTrue(table.contains("warning: seed 222222: loss is not finite\n"), table);
    }

    @Test
    void columnsAlignAndThereIsNoAnsiWhenColourIsOff() {
        String table = plain();
        assertFalse(table.contains(ESC), table);
        List<String> lines = table.lines().toList();
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String header = lines.get(i);
            if (!header.startsWith("  gradient ")) {
                continue;
            }
            headers.add(header);
            for (int j = i + 1;
                    j < lines.size()
                            && lines.get(j).startsWith("  ")
                            && !lines.get(j).contains(" mode: ");
                    j++) {
                String row = lines.get(j);
                for (String column : List.of("status", "exact", "close", "maxdiff", "relerr", "points")) {
                    int at = header.indexOf(column);
                    assertTrue(
                            row.length() > at && row.charAt(at - 1) == ' ' && row.charAt(at) != ' ',
                            column + " misaligned in\n" + header + "\n" + row);
                }
            }
        }
        assertEquals(2, headers.size());
        assertEquals(headers.get(0), headers.get(1), "tables of different exercises line up");
    }

    @Test
    void rowShowsTheWorstSeedOfTheScoringMode() {
        String table = plain();
        assertEquals(
                "  z               WRONG            False  False  0.0123     2          0/1     sign flipped",
                rowOf(table, "bce-logistic", "z"));
        assertTrue(
                rowOf(table, "bce-logistic", "b").matches("  b +SHAPE +False +False +- +- +0/1 +" + Reports.SHAPE_HINT),
                table);
        assertTrue(
                rowOf(table, "mse-linear", "b").matches("  b +CLOSE +False +True +6\\.5e-06 +3\\.25e-06 +1/1"), table);
        assertTrue(rowOf(table, "mse-linear", "diff2").matches("  diff2 +EXACT +True +True +0 +0 +1/1"), table);
    }

    @Test
    void chainedModeIsOneLineWhenItTellsADifferentStory() {
        String table = plain();
        assertTrue(table.contains("  chained mode: first failure at z (WRONG)\n"), table);
        assertEquals(1, table.split("chained mode", -1).length - 1, "mse-linear agrees in both modes: " + table);
    }

    @Test
    void missingReasonIsIndentedUnderTheExerciseHeader() {
        String table = plain();
        assertTrue(table.contains("l2-linear: linear layer, L2 loss"), table);
        assertTrue(
                table.contains(
                        "\n  MISSING\n    no class implements L2LinearBackward\n    looked in: submission.jar\n"),
                table);
    }

    @Test
    void ansiColoursStatusesWhenColourIsOn() {
        String table = TerminalTable.render(Reports.unordered(), true);
        assertTrue(table.contains("\u001b[32mEXACT"), table);
        assertTrue(table.contains("\u001b[31mWRONG"), table);
        assertTrue(table.contains("\u001b[31mSHAPE"), table);
        assertTrue(table.contains("\u001b[33mMISSING"), table);
        assertEquals(plain(), table.replaceAll("\u001b\\[\\d+m", ""), "colour changes nothing but colour");
    }

    @Test
    void noColorEnvDisablesColour() {
        assertTrue(TerminalTable.colourWanted(Map.of("TERM", "xterm-256color"), true));
        assertFalse(TerminalTable.colourWanted(Map.of("NO_COLOR", "1", "TERM", "xterm"), true));
        assertFalse(TerminalTable.colourWanted(Map.of("NO_COLOR", "false"), true));
        assertTrue(TerminalTable.colourWanted(Map.of("NO_COLOR", ""), true), "no-color.org: empty does not count");
    }

    @Test
    void dumbTerminalOrPipeDisablesColour() {
        assertFalse(TerminalTable.colourWanted(Map.of("TERM", "dumb"), true));
        assertFalse(TerminalTable.colourWanted(Map.of(), false));
    }

    @Test
    void gradientWithoutChecksShowsDashes() {
        var g = new org.backpropgrader.grader.model.GradientResult(
                "pred", org.backpropgrader.grader.model.Status.NOT_RUN, 0, 1, null, null, List.of());
        assertNull(TerminalTable.shown(g));
        var e = new org.backpropgrader.grader.model.ExerciseResult(
                "relu-neuron", "", org.backpropgrader.grader.model.Status.NOT_RUN, null, 0, 1, List.of(g));
        GradeReport r = GradeReport.of("s", null, List.of(), List.of(e), Reports.GRADED_AT, java.time.Duration.ZERO);
        assertTrue(TerminalTable.render(r, false).matches("(?s).*\n  pred +NOT_RUN +- +- +- +- +0/1\n.*"));
    }
}
