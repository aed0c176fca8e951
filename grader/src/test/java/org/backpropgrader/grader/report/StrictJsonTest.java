package org.backpropgrader.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict parser every output test relies on refuses what RFC 8259 refuses, so those tests can fail. */
class StrictJsonTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"maxdiff\": NaN}",
                "[Infinity]",
                "[-Infinity]",
                "{\"a\": 1} {}",
                "{'a': 1}",
                "{a: 1}",
                "[1,]",
                "// c\n{}",
                "[\"tab\there\"]"
            })
    void rejectsWhatRfc8259Rejects(String text) {
        assertThrows(AssertionError.class, () -> StrictJson.parse("sample", text));
    }

    @Test
    void acceptsNullsStringsAndNumbers() {
        assertEquals(
                "NaN",
                StrictJson.parse(
                                "sample",
                                "{\"maxdiff\": \"NaN\", \"relerr\": null, \"seed\": "
                                        + "18446744073709551615, \"x\": 1.5e-07}")
                        .getAsJsonObject()
                        .get("maxdiff")
                        .getAsString());
    }
}
