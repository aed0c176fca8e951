package org.backpropgrader.grader.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeds as {@code torch.Generator().manual_seed} takes them: [-2^63, 2^64), a negative value read as its unsigned
 * two's complement, so -1 and 2^64-1 are one stream.
 */
class SeedsTest {
    private static final String U64_MAX = "18446744073709551615";

    @Test
    void theWholeUnsignedRangeAndEveryNegativeLong_areSeeds() {
        assertEquals(Optional.of(-1L), Seeds.parse(U64_MAX));
        assertEquals(Optional.of(Long.MIN_VALUE), Seeds.parse("9223372036854775808"), "2^63");
        assertEquals(Optional.of(Long.MIN_VALUE), Seeds.parse("-9223372036854775808"), "-2^63, the same bits");
        assertEquals(Optional.of(-1L), Seeds.parse("-1"));
        assertEquals(Optional.of(111111L), Seeds.parse(" 111111 "));
        assertEquals(Optional.of(List.of(111111L, -1L, 7L)), Seeds.parseList("111111," + U64_MAX + ",7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551616", "-9223372036854775809", "1.5", "1e3", "", "seven", "0x10"})
    void outsideTorchsRangeOrNotAWholeNumber_isNoSeed(String text) {
        assertEquals(Optional.empty(), Seeds.parse(text));
    }

    @Test
    void seedsPrintAsTorchsInitialSeed_unsigned() {
        assertEquals(U64_MAX, Seeds.toString(-1L));
        assertEquals("9223372036854775808", Seeds.toString(Long.MIN_VALUE));
        assertEquals(new BigInteger(U64_MAX), Seeds.unsigned(-1L));
        assertEquals("111111", Seeds.toString(111111));
    }

    /**
     * Real PyTorch's {@code torch.Generator().manual_seed(-1)} then {@code randn(5)} (the reference module's fixture
     * {@code fixtures/torch-rng-vectors.json}, case {@code seed-minus-one}; provenance in its {@code PROVENANCE.md}).
     */
    private static List<String> torchRandn5AfterSeedMinusOne() throws IOException {
        try (InputStream in = SeedsTest.class.getResourceAsStream("/fixtures/torch-rng-vectors.json")) {
            assertNotNull(in, "the reference module's test jar carries fixtures/torch-rng-vectors.json");
            JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            for (JsonElement c : root.getAsJsonArray("cases")) {
                JsonObject o = c.getAsJsonObject();
                if (o.get("name").getAsString().equals("seed-minus-one")) {
                    assertEquals(-1, o.get("seed").getAsLong());
                    assertEquals(
                            "randn",
                            o.getAsJsonArray("calls")
                                    .get(0)
                                    .getAsJsonObject()
                                    .get("op")
                                    .getAsString());
                    List<String> bits = new ArrayList<>();
                    o.getAsJsonArray("outputs").get(0).getAsJsonArray().forEach(v -> bits.add(v.getAsString()));
                    return bits;
                }
            }
        }
        throw new AssertionError("no case seed-minus-one in the fixture");
    }

    @Test
    void twoToThe64MinusOne_givesTorchsStreamForMinusOne() throws IOException {
        float[] values = new Generator(Seeds.parse(U64_MAX).orElseThrow()).randnFloats(5);
        List<String> bits = new ArrayList<>();
        for (float v : values) {
            bits.add(String.format("0x%08x", Float.floatToRawIntBits(v)));
        }

        assertEquals(torchRandn5AfterSeedMinusOne(), bits);
    }

    @Test
    void twoToThe64MinusOne_andMinusOne_giveTheSameAnswerKeys() {
        long big = Seeds.parse(U64_MAX).orElseThrow();
        long minusOne = Seeds.parse("-1").orElseThrow();
        for (Exercise<?, ?> e : Exercises.all()) {
            Truth ta = Truth.compute(e, big);
            Truth tb = Truth.compute(e, minusOne);
            ta.gradients()
                    .forEach((name, t) -> assertArrayEquals(
                            t.toFloatArray(), tb.gradients().get(name).toFloatArray(), e.id() + "/" + name));
        }
    }
}
