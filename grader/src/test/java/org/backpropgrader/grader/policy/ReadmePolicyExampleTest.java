package org.backpropgrader.grader.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's example policy is one an instructor can copy: it parses, and the grader's own policy check finds no
 * seed in it that cannot tell right from wrong (42, say, kills relu-neuron's ReLU: an all-zero answer passes there).
 */
class ReadmePolicyExampleTest {
    private static final Path README = Path.of("../README.md");

    private static String examplePolicy() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("A policy file \\(all fields optional\\):\\s*```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertTrue(m.find(), "the README has its example policy after 'A policy file (all fields optional):'");
        return m.group(1);
    }

    @Test
    void readmesExamplePolicy_parses_andPassesThePolicyCheck() throws Exception {
        Policy policy = PolicyLoader.parse(examplePolicy(), "README.md");
        List<String> warnings = PolicyCheck.warnings(policy);

        assertTrue(policy.seeds().size() >= 3, "public and hidden seeds: " + policy.seeds());
        // the only notes: makemore's gradients that are zero in exact arithmetic, which no seed changes
        assertEquals(
                List.of(),
                warnings.stream()
                        .filter(w -> !w.contains("is zero in exact arithmetic"))
                        .toList());
    }

    @Test
    void seed42_wouldNotPass_soTheCheckCanFail() throws Exception {
        Policy policy = PolicyLoader.parse(examplePolicy(), "README.md").withSeeds(List.of(111111L, 42L));
        List<String> warnings = PolicyCheck.warnings(policy);

        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("seed 42: relu-neuron")), String.join("\n", warnings));
    }
}
