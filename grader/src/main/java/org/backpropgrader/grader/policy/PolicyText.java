package org.backpropgrader.grader.policy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy's JSON text read once, strictly, by Gson's {@link JsonReader} into a tree whose every value knows its JSON
 * path (from {@link JsonReader#getPath()}, as Gson's own type adapters name where a value was) and its line and column,
 * so that every mistake in the policy can be reported where it is. A repeated key, which Gson's own tree would keep
 * silently (the last one wins), is an error here.
 *
 * <p>Syntax errors are described in our words from what the reader was reading when it failed (a value, a field name,
 * a separator) and what it found there, never from Gson's exception messages, which change between releases.
 */
final class PolicyText {
    /** Far deeper than any policy; a guard against a stack overflow on hostile input. */
    private static final int MAX_DEPTH = 64;

    private static final String NOT_STRICT =
            " (strict JSON has no comments, single quotes, unquoted names, NaN or Infinity)";

    /** Where a value starts: 1-based line and column (in characters). */
    record Location(int line, int column) {}

    /**
     * One JSON value.
     *
     * @param json the value with everything inside it, as Gson models it (numbers keep their text)
     * @param path its JSON path, e.g. {@code $.exercises.mse-linear.weight} or {@code $.seeds[1]}
     * @param at where the value starts in the text
     * @param nameAt where the key of this value starts, for a field of an object; else {@link #at}
     * @param members an object's fields in text order (empty for anything else)
     * @param elements an array's elements in order (empty for anything else)
     */
    record Node(
            JsonElement json,
            String path,
            Location at,
            Location nameAt,
            Map<String, Node> members,
            List<Node> elements) {}

    private final String text;
    private final String file;
    private final CountingReader source;
    private final JsonReader in;

    private PolicyText(String text, String file) {
        this.text = text;
        this.file = file;
        this.source = new CountingReader(text);
        this.in = new JsonReader(source);
        in.setStrictness(Strictness.STRICT);
    }

    /**
     * Reads {@code text} as exactly one JSON value.
     *
     * @param file what errors call the text, e.g. the file name
     */
    static Node read(String text, String file) throws PolicyException {
        if (text.isBlank()) {
            throw PolicyException.malformed(file, "$", new Location(1, 1), "the text is empty; an empty policy is {}");
        }
        PolicyText reader = new PolicyText(text, file);
        Node root = reader.value(reader.peek(Context.DOCUMENT), null, 0);
        if (reader.peek(Context.AFTER_DOCUMENT).token() != JsonToken.END_DOCUMENT) {
            throw reader.unexpected(Context.AFTER_DOCUMENT, reader.source.consumed() - 1);
        }
        return root;
    }

    // ---------------------------------------------------------------------------------------- reading

    /** The next token and where it starts. */
    private record Peeked(JsonToken token, Location at) {}

    private Node value(Peeked peeked, Location nameAt, int depth) throws PolicyException {
        String path = in.getPath();
        Location at = peeked.at();
        boolean container = peeked.token() == JsonToken.BEGIN_OBJECT || peeked.token() == JsonToken.BEGIN_ARRAY;
        if (container && depth > MAX_DEPTH) {
            throw PolicyException.malformed(file, path, at, "values nested more than " + MAX_DEPTH + " deep");
        }
        return switch (peeked.token()) {
            case BEGIN_OBJECT -> object(path, at, nameAt, depth);
            case BEGIN_ARRAY -> array(path, at, nameAt, depth);
            default -> scalar(path, at, nameAt);
        };
    }

    private Node object(String path, Location at, Location nameAt, int depth) throws PolicyException {
        call(Context.DOCUMENT, () -> in.beginObject());
        JsonObject json = new JsonObject();
        Map<String, Node> members = new LinkedHashMap<>();
        Context next = Context.FIRST_NAME;
        for (Peeked p = peek(next); p.token() != JsonToken.END_OBJECT; p = peek(next)) {
            Location keyAt = p.at();
            String name = call(next, () -> in.nextName());
            if (members.containsKey(name)) {
                throw PolicyException.mismatch(
                        file, in.getPath(), keyAt, "each field once", PolicyLoader.quote(name) + " a second time");
            }
            Node member = value(peek(Context.MEMBER_VALUE), keyAt, depth + 1);
            members.put(name, member);
            json.add(name, member.json());
            next = Context.NEXT_NAME;
        }
        call(next, () -> in.endObject());
        return new Node(json, path, at, nameAt == null ? at : nameAt, Collections.unmodifiableMap(members), List.of());
    }

    private Node array(String path, Location at, Location nameAt, int depth) throws PolicyException {
        call(Context.DOCUMENT, () -> in.beginArray());
        JsonArray json = new JsonArray();
        List<Node> elements = new ArrayList<>();
        Context next = Context.FIRST_ELEMENT;
        for (Peeked p = peek(next); p.token() != JsonToken.END_ARRAY; p = peek(next)) {
            Node element = value(p, null, depth + 1);
            elements.add(element);
            json.add(element.json());
            next = Context.NEXT_ELEMENT;
        }
        call(next, () -> in.endArray());
        return new Node(json, path, at, nameAt == null ? at : nameAt, Map.of(), List.copyOf(elements));
    }

    /** A string, number, boolean or null, as Gson's own tree holds it (a number keeps its text: 1e3 stays 1e3). */
    private Node scalar(String path, Location at, Location nameAt) throws PolicyException {
        JsonElement json = call(Context.DOCUMENT, () -> {
            try {
                return JsonParser.parseReader(in);
            } catch (JsonParseException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e);
            }
        });
        return new Node(json, path, at, nameAt == null ? at : nameAt, Map.of(), List.of());
    }

    // ---------------------------------------------------------------------------------------- where and what

    /**
     * What the reader expects at each step: the words of a syntax error, and the separator that may stand before the
     * token (skipped when finding where the token starts).
     */
    private enum Context {
        DOCUMENT("a JSON value", null, null),
        AFTER_DOCUMENT("the end of the text after the JSON value", null, null),
        FIRST_NAME("a field name in double quotes or '}'", null, null),
        NEXT_NAME("a field name in double quotes", ',', "',' or '}'"),
        MEMBER_VALUE("a value", ':', "':'"),
        FIRST_ELEMENT("a value or ']'", null, null),
        NEXT_ELEMENT("a value", ',', "',' or ']'");

        final String expected;
        final Character separator;
        final String expectedSeparator;

        Context(String expected, Character separator, String expectedSeparator) {
            this.expected = expected;
            this.separator = separator;
            this.expectedSeparator = expectedSeparator;
        }
    }

    @FunctionalInterface
    private interface ReaderCall<T> {
        T call() throws IOException;
    }

    @FunctionalInterface
    private interface ReaderStep {
        void call() throws IOException;
    }

    private Peeked peek(Context context) throws PolicyException {
        int before = source.consumed();
        JsonToken token = call(context, () -> in.peek());
        int start = tokenStart(context, before, source.consumed());
        return new Peeked(token, location(start < 0 ? source.consumed() - 1 : start));
    }

    private <T> T call(Context context, ReaderCall<T> step) throws PolicyException {
        int before = source.consumed();
        try {
            return step.call();
        } catch (IOException e) {
            throw syntaxError(context, before);
        }
    }

    private void call(Context context, ReaderStep step) throws PolicyException {
        call(context, () -> {
            step.call();
            return null;
        });
    }

    /**
     * Where the token the reader took in {@code [from, to)} starts: after white space and the context's separator;
     * -1 when no new character was taken (the token's first character came with the previous one, as the character
     * that ends a number does).
     */
    private int tokenStart(Context context, int from, int to) {
        int i = skipWhiteSpace(from, to);
        if (context.separator != null && i < to && text.charAt(i) == context.separator) {
            i = skipWhiteSpace(i + 1, to);
        }
        return i < to ? i : -1;
    }

    private int skipWhiteSpace(int from, int to) {
        int i = from;
        while (i < to && " \t\n\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private PolicyException syntaxError(Context context, int before) {
        String path = path();
        if (source.ended()) {
            return PolicyException.malformed(
                    file, path, location(text.length()), "the text ends before the JSON value does");
        }
        int start = tokenStart(context, before, source.consumed());
        return unexpected(context, start < 0 ? source.consumed() - 1 : start);
    }

    /** The token at {@code start} is not what {@code context} expects. */
    private PolicyException unexpected(Context context, int start) {
        int i = skipWhiteSpace(start, text.length());
        if (i >= text.length()) {
            return PolicyException.malformed(
                    file, path(), location(text.length()), "the text ends before the JSON value does");
        }
        boolean separatorMissing = context.separator != null && !separatorBefore(context.separator, i);
        String expected = separatorMissing ? context.expectedSeparator : context.expected;
        String token = token(i);
        char first = text.charAt(i);
        boolean lenientOnly = "'/#;=".indexOf(first) >= 0
                || (Character.isLetter(first)
                        && !List.of("true", "false", "null").contains(token));
        return PolicyException.malformed(file, path(), location(i), expected, token, lenientOnly ? NOT_STRICT : "");
    }

    /** Where the reader is; inside an object before its first name Gson says {@code $.x.}, which names nothing. */
    private String path() {
        String path = in.getPath();
        return path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
    }

    /** Whether {@code separator} stands, after white space only, before {@code index}. */
    private boolean separatorBefore(char separator, int index) {
        int i = index - 1;
        while (i >= 0 && " \t\n\r".indexOf(text.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 && text.charAt(i) == separator;
    }

    /** The token at {@code start} as written: a word, a quoted text up to its quote, a comment, or one character. */
    private String token(int start) {
        char c = text.charAt(start);
        int end = start + 1;
        if (c == '"' || c == '\'') {
            while (end < text.length() && text.charAt(end) != c && text.charAt(end) != '\n') {
                end++;
            }
            end = Math.min(end + 1, text.length());
        } else if (c == '/' && end < text.length() && (text.charAt(end) == '/' || text.charAt(end) == '*')) {
            return "a comment";
        } else if (Character.isLetterOrDigit(c) || c == '-' || c == '+' || c == '.') {
            while (end < text.length()
                    && (Character.isLetterOrDigit(text.charAt(end)) || "+-._$".indexOf(text.charAt(end)) >= 0)) {
                end++;
            }
        } else {
            return "'" + c + "'";
        }
        String token = text.substring(start, end);
        return token.length() <= 40 ? token : token.substring(0, 39) + "…";
    }

    /** The line and column of the character at {@code index} (lines end at '\n'). */
    private Location location(int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Location(line, index - lineStart + 1);
    }

    /**
     * Hands the text to the {@link JsonReader} one character per read, so that how many characters it has taken says
     * how far it has read (it reads at most one character past a number or a literal, to see where it ends).
     */
    private static final class CountingReader extends Reader {
        private final String text;
        private int next;
        private boolean ended;

        CountingReader(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (next >= text.length()) {
                ended = true;
                return -1;
            }
            buffer[offset] = text.charAt(next++);
            return 1;
        }

        /** How many characters the reader has taken. */
        int consumed() {
            return next;
        }

        /** Whether the reader asked for more than the text holds. */
        boolean ended() {
            return ended;
        }

        @Override
        public void close() {}
    }
}
