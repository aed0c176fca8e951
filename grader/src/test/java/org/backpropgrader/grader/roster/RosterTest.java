package org.backpropgrader.grader.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a roster: the columns it must and may have, and a message naming file, line, column, expected, actual. */
class RosterTest {
    @TempDir
    Path tmp;

    private static RosterException error(String csv) {
        return assertThrows(RosterException.class, () -> Roster.parse(csv, "roster.csv"));
    }

    @Test
    void readsRequiredAndOptionalColumns_inAnyOrderAndSpelling_withABomAndCrlf() throws Exception {
        Path file = tmp.resolve("roster.csv");
        Files.writeString(
                file,
                "\uFEFFName,User ID,submission,SIS Login ID,Section,email\r\n"
                        + "\"Liddell, Alice\",lti-7f3a,alice,aliddell,Section 2,alice@example.edu\r\n"
                        + "Bob,lti-0b0b,bob,,,\r\n",
                StandardCharsets.UTF_8);

        Roster roster = Roster.read(file);

        assertEquals(
                List.of(
                        new Student(
                                "alice",
                                "lti-7f3a",
                                "Liddell, Alice",
                                "",
                                "aliddell",
                                "Section 2",
                                "alice@example.edu",
                                ""),
                        new Student("bob", "lti-0b0b", "Bob", "", "", "", "", "")),
                roster.students());
        assertEquals(List.of(), roster.warnings());
    }

    @Test
    void findsASubmissionByItsNameAsBatchDerivesIt_fromTheFileName() throws Exception {
        Roster roster = Roster.parse("submission,user_id\nalice,u1\ncarol.v2,u3\n", "r.csv");

        assertEquals("u1", roster.find("alice").orElseThrow().userId());
        assertEquals("u1", roster.find("alice.zip").orElseThrow().userId());
        assertEquals("u1", roster.find("alice.JAR").orElseThrow().userId());
        assertEquals("u3", roster.find("carol.v2").orElseThrow().userId());
        assertEquals(Optional.empty(), roster.find("bob.zip"));
    }

    @Test
    void student_matchesOnlyTheExactName_asBatchNamesEntries() throws Exception {
        Roster roster = Roster.parse("submission,user_id\nalice,u1\n", "r.csv");

        assertEquals("u1", roster.student("alice").orElseThrow().userId());
        assertEquals(Optional.empty(), roster.student("alice.zip"), "batch's name for a second alice entry");
    }

    @Test
    void aColumnNothingReads_isAWarningNotAnError() throws Exception {
        Roster roster = Roster.parse("submission,user_id,grade_override\nalice,u1,9\n", "r.csv");

        assertEquals(1, roster.warnings().size());
        assertTrue(
                roster.warnings().get(0).startsWith("r.csv: column 'grade_override' is not used"),
                roster.warnings().get(0));
    }

    @Test
    void missingUserIdColumn_namesTheFileLineColumnExpectedAndActual() {
        RosterException e = error("submission,name\nalice,Alice\n");

        assertEquals(
                "roster.csv: line 1, column user_id: expected a header with the columns submission and user_id,"
                        + " got the columns submission, name",
                e.getMessage());
        assertEquals(1, e.line());
        assertEquals("user_id", e.column());
    }

    @Test
    void duplicateSubmission_namesBothLines() {
        RosterException e = error("submission,user_id\nalice,u1\nbob,u2\nalice,u3\n");

        assertEquals(
                "roster.csv: line 4, column submission: expected each submission once, got 'alice' again"
                        + " (first on line 2)",
                e.getMessage());
    }

    @Test
    void duplicateUserId_isOneGradeForTwoSubmissions_refused() {
        RosterException e = error("submission,user_id\nalice,u1\nalice2,u1\n");

        assertEquals(
                "roster.csv: line 3, column user_id: expected each user id once (one grade per student), got"
                        + " 'u1' again (first on line 2)",
                e.getMessage());
    }

    @Test
    void emptyUserId_isRefused_onTheLineItIsOn_evenAfterAMultiLineQuotedName() {
        RosterException e = error("name,submission,user_id\n\"two\nlines\",alice,u1\nBob,bob,  \n");

        assertEquals("roster.csv: line 4, column user_id: expected an LMS user id, got an empty cell", e.getMessage());
        assertEquals(4, e.line());
    }

    @Test
    void aRecordWithTooFewFields_isRefused() {
        assertEquals(
                "roster.csv: line 3: expected 3 fields, as the header has, got 2 fields",
                error("submission,user_id,name\nalice,u1,Alice\nbob,u2\n").getMessage());
    }

    @Test
    void aColumnTwice_isRefused() {
        assertEquals(
                "roster.csv: line 1, column user_id: expected each column once, got it in fields 2 and 3",
                error("submission,user_id,User ID\n").getMessage());
    }

    @Test
    void emptyFileAndUnclosedQuote_areRefused_namingTheFile() {
        assertEquals(
                "roster.csv: line 1: expected a header with the columns submission and user_id, got an empty" + " file",
                error("").getMessage());
        assertTrue(
                error("submission,user_id\n\"alice,u1\n")
                        .getMessage()
                        .startsWith("roster.csv: expected well-formed CSV (RFC 4180), got "),
                "unclosed quote");
    }

    @Test
    void aFileThatDoesNotExist_isRefused() {
        RosterException e = assertThrows(RosterException.class, () -> Roster.read(tmp.resolve("nope.csv")));

        assertEquals(tmp.resolve("nope.csv") + ": expected a readable CSV file, got no such file", e.getMessage());
    }
}
