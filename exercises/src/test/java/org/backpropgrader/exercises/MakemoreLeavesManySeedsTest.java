package org.backpropgrader.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backpropgrader.exercises.makemore.MakemorePass;
import org.backpropgrader.reference.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The makemore leaves, {@code Xb} and {@code Yb} included, bit for bit as PyTorch draws them for seeds beyond the
 * golden file's ({@code fixtures/makemore-leaves-digest.json}: sha256 of each leaf's little-endian bytes, made by
 * real PyTorch, see {@code fixtures/PROVENANCE.md}), among them seeds whose low 32 bits wrap.
 */
class MakemoreLeavesManySeedsTest {

    @TestFactory
    Stream<DynamicTest> leavesAreBitIdenticalToPyTorchForEverySeedOfTheDigest() throws IOException {
        JsonObject doc;
        try (Reader in = new InputStreamReader(
                getClass().getResourceAsStream("/fixtures/makemore-leaves-digest.json"), StandardCharsets.UTF_8)) {
            doc = JsonParser.parseReader(in).getAsJsonObject();
        }
        List<DynamicTest> tests = new ArrayList<>();
        JsonObject seeds = doc.getAsJsonObject("seeds");
        for (String seedText : seeds.keySet()) {
            long seed = Long.parseLong(seedText);
            JsonObject leaves = seeds.getAsJsonObject(seedText);
            tests.add(DynamicTest.dynamicTest("seed " + seed, () -> {
                Map<String, Tensor> ours = MakemorePass.manual(seed);
                assertEquals(9, leaves.size());
                for (String name : leaves.keySet()) {
                    JsonObject want = leaves.getAsJsonObject(name);
                    Tensor got = ours.get(name);
                    assertArrayEquals(shape(want.getAsJsonArray("shape")), got.shape(), name);
                    if (want.get("dtype").getAsString().equals("int64")) {
                        assertEquals(Tensor.Dtype.INT64, got.dtype(), name);
                        assertEquals(want.get("sha256_le_i64").getAsString(), sha256(got), "seed " + seed + " " + name);
                    } else {
                        assertEquals(want.get("sha256_le_f32").getAsString(), sha256(got), "seed " + seed + " " + name);
                    }
                }
            }));
        }
        assertEquals(7, tests.size());
        return tests.stream();
    }

    private static String sha256(Tensor t) throws NoSuchAlgorithmException {
        ByteBuffer b;
        if (t.dtype() == Tensor.Dtype.INT64) {
            long[] v = t.toLongArray();
            b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (long x : v) {
                b.putLong(x);
            }
        } else {
            float[] v = t.toFloatArray();
            b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float x : v) {
                b.putInt(Float.floatToRawIntBits(x));
            }
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }

    private static int[] shape(JsonArray a) {
        int[] s = new int[a.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = a.get(i).getAsInt();
        }
        return s;
    }
}
