package org.backpropgrader.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Hand-checked behaviour of {@link Generator}, mostly the worked example of spec §6 (seed 111111). */
class GeneratorTest {

    @Nested
    class Engine {
        @Test
        void firstUint32OutputsOfSeed111111MatchNumpy() {
            long[] expected = {
                2475646473L,
                215074071L,
                1695038807L,
                206507189L,
                2268541234L,
                3195723723L,
                420306195L,
                470795492L,
                3523341412L,
                4083282539L,
                3901688912L,
                790663982L,
                42832961L,
                2798016055L,
                3029379348L,
                2564715391L
            };
            Generator g = new Generator(111111);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], g.nextU32(), "u32 #" + i);
            }
            assertEquals(expected.length, g.drawCount());
        }

        @Test
        void random64DrawsHighWordFirst() {
            Generator words = new Generator(111111);
            long hi = words.nextU32();
            long lo = words.nextU32();
            assertEquals((hi << 32) | lo, new Generator(111111).nextU64());
        }
    }

    @Nested
    class Seeding {
        @Test
        void onlyLow32BitsOfSeedReachTheEngine() {
            assertArrayEquals(
                    bits(new Generator(5).randnFloats(40)), bits(new Generator((1L << 32) + 5).randnFloats(40)));
        }

        @Test
        void minusOneSeedsLikeTwoToThe32MinusOneAndReportsItself() {
            Generator minusOne = new Generator(-1);
            assertEquals(-1L, minusOne.initialSeed()); // uint64 2^64-1 in a long's bits
            assertArrayEquals(bits(new Generator(0xFFFFFFFFL).randFloats(30)), bits(minusOne.randFloats(30)));
        }

        @Test
        void neverSeededGeneratorUsesTorchDefaultSeed() {
            Generator fresh = new Generator();
            assertEquals(67280421310721L, fresh.initialSeed());
            assertArrayEquals(bits(new Generator(67280421310721L).randnFloats(20)), bits(fresh.randnFloats(20)));
        }

        @Test
        void manualSeedRestartsStreamClearsCacheAndDrawCount() {
            Generator g = new Generator(111111);
            float first = g.randnFloats(1)[0];
            assertSame(g, g.manualSeed(111111));
            assertEquals(0, g.drawCount());
            assertNull(g.cachedNormal());
            assertEquals(Float.floatToRawIntBits(first), Float.floatToRawIntBits(g.randnFloats(1)[0]));
        }
    }

    @Nested
    class Uniforms {
        @Test
        void floatUniformsUseLow24BitsOfEachDraw() {
            assertArrayEquals(
                    new int[] {0x3F0F5E09, 0x3F51C517, 0x3D03D570, 0x3E9E196A},
                    bits(new Generator(111111).rand(4).toFloatArray()));
        }

        @Test
        void doubleUniformUsesLow53BitsOfA64BitDraw() {
            Generator words = new Generator(111111);
            long v = words.nextU64();
            double expected = (v & ((1L << 53) - 1)) * 0x1.0p-53;
            Generator g = new Generator(111111);
            assertEquals(expected, g.randDoubles(1)[0]);
            assertEquals(2, g.drawCount());
        }
    }

    @Nested
    class Randint {
        @Test
        void zeroToTwoIsLowestBitOfEachDraw() {
            Generator words = new Generator(42);
            float[] expected = new float[100];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = words.nextU32() & 1;
            }
            assertArrayEquals(expected, new Generator(42).randint(0, 2, 10, 10).toFloatArray());
        }

        @Test
        void rangesOfTwoToThe32OrMoreTakeTwoDrawsPerValue() {
            Generator g = new Generator(0);
            g.randintLongs(0, 1L << 32, 5);
            assertEquals(10, g.drawCount());
            g.randintLongs(-7, 9, 5);
            assertEquals(15, g.drawCount());
        }

        @Test
        void plusMinusTwoToThe62UsesUnsignedModulo() {
            long low = -(1L << 62);
            Generator words = new Generator(0);
            long expected = Long.remainderUnsigned(words.nextU64(), 1L << 63) + low;
            assertEquals(expected, new Generator(0).randintLongs(low, 1L << 62, 1)[0]);
        }

        @Test
        void emptyRangeIsRejectedInTorchWording() {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new Generator(0).randint(5, 5, 3));
            assertEquals("random_ expects 'from' to be less than 'to', but got from=5 >= to=5", e.getMessage());
        }
    }

    @Nested
    class Randn {
        @Test
        void fillPathOfNotebookFirstCallMatchesTorch() {
            Generator g = new Generator(111111);
            Tensor t = g.randn(10, 10);
            int[] v = bits(t.toFloatArray());
            assertArrayEquals(new int[] {10, 10}, t.shape());
            assertArrayEquals(new int[] {0x3FA3D77B, 0xBFAF43E2, 0xBE744535, 0x3F195CC7}, Arrays.copyOf(v, 4));
            assertArrayEquals(
                    new int[] {0xBFFD9D21, 0x3DDE9D46, 0x3FD9958E, 0x3F0BFEAF}, Arrays.copyOfRange(v, 96, 100));
            assertEquals(116, g.drawCount()); // 100 + 16 for the ragged tail
        }

        @Test
        void smallPathOfNotebookSecondCallMatchesTorch() {
            Generator g = new Generator(111111);
            g.randn(10, 10);
            assertArrayEquals(
                    new int[] {
                        0x3EAAE785,
                        0xBF250099,
                        0x3F12545C,
                        0xBE45E1A2,
                        0x3F8E26DC,
                        0xBF7997C7,
                        0x3EFC88FF,
                        0xBF3DA3F4,
                        0xC0074E2B,
                        0x3EC8F6C9
                    },
                    bits(g.randn(10, 1).toFloatArray()));
            assertEquals(136, g.drawCount());
            assertNull(g.cachedNormal()); // 10 samples are 5 whole pairs
        }

        @Test
        void notebookExerciseOneEndsWithCachedSample() {
            Generator g = new Generator(111111);
            g.randn(10, 10);
            g.randn(10, 1);
            assertEquals(0x3CC35386, bits(g.randn(10, 1).toFloatArray())[0]);
            assertEquals(0x3FA58BE4, bits(g.randn(1).toFloatArray())[0]);
            assertEquals(160, g.drawCount());
            // torch holds 0.8215953994888614 (glibc); StrictMath may differ in the last double bit.
            assertEquals((float) 0.8215953994888614, (float) g.cachedNormal().doubleValue());
        }

        @Test
        void smallPathCachesSineSampleAcrossCalls() {
            Generator g = new Generator(111111);
            float first = g.randnFloats(1)[0];
            assertEquals(4, g.drawCount());
            float second = g.randnFloats(1)[0];
            assertEquals(4, g.drawCount()); // the cached sine sample costs no draws
            assertNull(g.cachedNormal());
            assertArrayEquals(new int[] {bits(first), bits(second)}, bits(new Generator(111111).randnFloats(2)));
        }

        @Test
        void cacheSurvivesRandRandintAndFillPath() {
            Generator g = new Generator(111111);
            g.randnFloats(7); // 4 pairs, the last sine sample is cached
            Double cached = g.cachedNormal();
            g.randnFloats(100);
            g.randFloats(3);
            g.randintLongs(0, 2, 3);
            long draws = g.drawCount();
            assertEquals(bits((float) cached.doubleValue()), bits(g.randnFloats(1)[0]));
            assertEquals(draws, g.drawCount());
        }

        @Test
        void cacheIsSharedByFloatAndDoubleRandn() {
            Generator g = new Generator(7);
            g.randnDoubles(1);
            double cached = g.cachedNormal();
            assertEquals(bits((float) cached), bits(g.randnFloats(1)[0]));
            assertEquals(4, g.drawCount());
        }

        @Test
        void raggedFillPathDrawsSixteenFreshUniformsForTheTail() {
            Generator g16 = new Generator(0);
            Generator g17 = new Generator(0);
            int[] a = bits(g16.randnFloats(16));
            int[] b = bits(g17.randnFloats(17));
            assertEquals(16, g16.drawCount());
            assertEquals(33, g17.drawCount());
            assertEquals(a[0], b[0]); // output 0 comes from draws 0 and 8 in both
            assertNotEquals(a[1], b[1]); // outputs 1..16 of randn(17) come from draws 17..32
        }

        @Test
        void negativeDimensionIsRejected() {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new Generator(0).randn(3, -2));
            assertEquals("Trying to create tensor with negative dimension -2: [3, -2]", e.getMessage());
        }

        @Test
        void emptyShapeDrawsNothing() {
            Generator g = new Generator(0);
            assertEquals(0, g.randn(4, 0).toFloatArray().length);
            assertEquals(0, g.drawCount());
        }
    }

    private static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
