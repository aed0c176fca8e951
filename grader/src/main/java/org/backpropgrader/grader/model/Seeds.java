package org.backpropgrader.grader.model;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seeds as {@code torch.Generator().manual_seed(S)} takes them: any whole number in [-2^63, 2^64). PyTorch first
 * reads S as an unsigned 64-bit integer and, when that overflows, as a signed one whose bits it keeps, so a negative
 * S is its two's complement ({@code -1} is 2^64-1, the same stream). Java keeps a seed in a {@code long}'s 64 bits,
 * exactly as {@code Generator} does ({@code initialSeed()}: -1L stands for 2^64-1); people and reports read it as
 * PyTorch's {@code initial_seed()} prints it, unsigned ({@link #toString(long)}).
 */
public final class Seeds {
    /** The smallest seed torch accepts: -2^63. */
    public static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    /** The largest seed torch accepts: 2^64 - 1. */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** What a seed must be, for messages. */
    public static final String RANGE = "a whole number in torch's seed range [-2^63, 2^64), i.e. " + MIN + " to " + MAX;

    private Seeds() {}

    /** The 64 bits torch seeds with for {@code value}, or empty when torch would refuse it (out of range). */
    public static Optional<Long> of(BigInteger value) {
        if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            return Optional.empty();
        }
        return Optional.of(value.longValue()); // the low 64 bits: two's complement for negatives, u64 above 2^63
    }

    /**
     * A seed written in decimal ({@code 111111}, {@code 18446744073709551615}, {@code -1}), or empty when the text is
     * not a whole number or out of torch's range.
     */
    public static Optional<Long> parse(String text) {
        String t = text.trim();
        if (!t.matches("[-+]?[0-9]+")) {
            return Optional.empty();
        }
        return of(new BigInteger(t));
    }

    /** A comma-separated list of seeds ({@code 111111,7,-1}), or empty when any part is not a seed. */
    public static Optional<List<Long>> parseList(String text) {
        List<Long> seeds = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Optional<Long> s = parse(part);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            seeds.add(s.get());
        }
        return Optional.of(seeds);
    }

    /** The seed as torch's {@code initial_seed()} reports it: unsigned, {@code -1L} is {@code 18446744073709551615}. */
    public static String toString(long seed) {
        return Long.toUnsignedString(seed);
    }

    /** The seed as an unsigned number. */
    public static BigInteger unsigned(long seed) {
        return new BigInteger(Long.toUnsignedString(seed));
    }

    /**
     * Writes a seed as the unsigned JSON number torch reports ({@code 18446744073709551615}, never {@code -1}), and
     * reads any seed torch accepts, so a report read back keeps the same stream. For a {@code long} seed component:
     * {@code @JsonAdapter(Seeds.Json.class)}.
     */
    public static final class Json extends TypeAdapter<Long> {
        @Override
        public void write(JsonWriter out, Long seed) throws IOException {
            if (seed == null) {
                out.nullValue();
            } else {
                out.value(unsigned(seed));
            }
        }

        @Override
        public Long read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            String text = in.nextString(); // a number token, read as its text
            return parse(text)
                    .orElseThrow(() -> new com.google.gson.JsonSyntaxException(
                            "expected " + RANGE + ", got " + text + " at " + in.getPath()));
        }
    }

    /** {@link Json} for a list of seeds ({@code @JsonAdapter(Seeds.ListJson.class)}). */
    public static final class ListJson extends TypeAdapter<List<Long>> {
        private final Json one = new Json();

        @Override
        public void write(JsonWriter out, List<Long> seeds) throws IOException {
            if (seeds == null) {
                out.nullValue();
                return;
            }
            out.beginArray();
            for (Long s : seeds) {
                one.write(out, s);
            }
            out.endArray();
        }

        @Override
        public List<Long> read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            List<Long> seeds = new ArrayList<>();
            in.beginArray();
            while (in.hasNext()) {
                seeds.add(one.read(in));
            }
            in.endArray();
            return seeds;
        }
    }
}
