package org.backpropgrader.runner;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.reference.Tensor;

/**
 * The binary protocol between the grader and its child JVM, one {@link Frames frame} a message: the grader writes
 * {@link Request}s to the child's standard input; the child says hello (a {@link Reply} with id {@link #HELLO_ID})
 * when it is ready, then answers {@code OPEN} and {@code CALL} with one {@link Reply} each on its standard output,
 * in order, with the request's {@code id}. {@code FORGET} and {@code EXIT} get no reply. Tensors travel as
 * {@link TensorCodec} writes them, strings as an int length (-1 for none) and UTF-8 bytes.
 *
 * <p>The child never computes the truth: it gets the forward values with {@code OPEN} and true upstream gradients
 * only as a {@code CALL}'s arguments, which the grader sends only after the answer for that tensor was recorded.
 */
public final class Protocol {
    /** The id of the reply a child writes once, unasked, when it is ready for requests. */
    public static final long HELLO_ID = 0;

    /** Request kinds, each on the wire as its own byte (fixed, whatever the order here). */
    public enum Op {
        OPEN(1),
        CALL(2),
        FORGET(3),
        EXIT(4);

        private final byte code;

        Op(int code) {
            this.code = (byte) code;
        }

        static Op of(int code) {
            for (Op op : values()) {
                if (op.code == code) {
                    return op;
                }
            }
            throw new IllegalArgumentException("unknown request kind " + code);
        }
    }

    private Protocol() {}

    /**
     * One message from the grader.
     *
     * @param op what is asked
     * @param id the number the reply repeats (open, call)
     * @param session the session a message is about: chosen by the grader at {@code OPEN}
     * @param exercise open: the exercise id
     * @param className open: the class implementing the exercise's {@code …Backward} interface
     * @param forwardKey open: names the forward values (exercise and seed); the child keeps them for later opens
     * @param forward open: the forward values by tensor name, or null when the child already has {@code forwardKey}
     * @param gradient call: the gradient whose method is called
     * @param upstream call: the upstream gradients, in parameter order
     */
    public record Request(
            Op op,
            long id,
            int session,
            String exercise,
            String className,
            String forwardKey,
            Map<String, Tensor> forward,
            String gradient,
            List<Tensor> upstream)
            implements Message {

        public static Request open(
                long id,
                int session,
                String exercise,
                String className,
                String forwardKey,
                Map<String, Tensor> forward) {
            return new Request(Op.OPEN, id, session, exercise, className, forwardKey, forward, null, null);
        }

        public static Request call(long id, int session, String gradient, List<Tensor> upstream) {
            return new Request(Op.CALL, id, session, null, null, null, null, gradient, upstream);
        }

        public static Request forget(int session) {
            return new Request(Op.FORGET, 0, session, null, null, null, null, null, null);
        }

        public static Request exit() {
            return new Request(Op.EXIT, 0, 0, null, null, null, null, null, null);
        }

        /** This request as a frame's payload. */
        public byte[] encode() {
            return Protocol.encode(this);
        }

        @Override
        public int size() {
            int size = 1 + Long.BYTES + Integer.BYTES;
            switch (op) {
                case OPEN -> {
                    size += stringSize(exercise) + stringSize(className) + stringSize(forwardKey) + Integer.BYTES;
                    if (forward != null) {
                        for (Map.Entry<String, Tensor> e : forward.entrySet()) {
                            size += stringSize(e.getKey()) + TensorCodec.size(e.getValue());
                        }
                    }
                }
                case CALL -> {
                    size += stringSize(gradient) + Integer.BYTES;
                    for (Tensor t : upstream) {
                        size += TensorCodec.size(t);
                    }
                }
                case FORGET, EXIT -> {
                    // the op and session say it all
                }
            }
            return size;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            out.put(op.code);
            out.putLong(id);
            out.putInt(session);
            switch (op) {
                case OPEN -> {
                    putString(out, exercise);
                    putString(out, className);
                    putString(out, forwardKey);
                    out.putInt(forward == null ? -1 : forward.size());
                    if (forward != null) {
                        for (Map.Entry<String, Tensor> e : forward.entrySet()) {
                            putString(out, e.getKey());
                            TensorCodec.write(out, e.getValue());
                        }
                    }
                }
                case CALL -> {
                    putString(out, gradient);
                    out.putInt(upstream.size());
                    for (Tensor t : upstream) {
                        TensorCodec.write(out, t);
                    }
                }
                case FORGET, EXIT -> {
                    // the op and session say it all
                }
            }
        }

        /**
         * The request a frame's payload holds.
         *
         * @throws MalformedMessageException if it holds no request, or more
         */
        public static Request decode(byte[] payload) throws MalformedMessageException {
            ByteBuffer in = ByteBuffer.wrap(payload);
            try {
                return whole(in, readFrom(in));
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw malformed(e);
            }
        }

        private static Request readFrom(ByteBuffer in) {
            Op op = Op.of(in.get() & 0xff);
            long id = in.getLong();
            int session = in.getInt();
            return switch (op) {
                case OPEN -> {
                    String exercise = readString(in);
                    String className = readString(in);
                    String forwardKey = readString(in);
                    int count = in.getInt();
                    Map<String, Tensor> forward = null;
                    if (count >= 0) {
                        forward = new LinkedHashMap<>();
                        for (int i = 0; i < count; i++) {
                            forward.put(readString(in), TensorCodec.read(in));
                        }
                    }
                    yield open(id, session, exercise, className, forwardKey, forward);
                }
                case CALL -> {
                    String gradient = readString(in);
                    int count = in.getInt();
                    if (count < 0 || count > in.remaining()) {
                        throw new IllegalArgumentException("a call with " + count + " upstream tensors");
                    }
                    List<Tensor> upstream = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        upstream.add(TensorCodec.read(in));
                    }
                    yield call(id, session, gradient, upstream);
                }
                case FORGET -> forget(session);
                case EXIT -> exit();
            };
        }
    }

    /**
     * One answer from the child.
     *
     * @param id the request's id
     * @param status null when it went well (open: the session is ready; call: {@code tensor} is the answer), else
     *     {@code NOT_IMPLEMENTED} or {@code ERROR}
     * @param message why not, for people
     * @param tensor call: what the method returned
     * @param output what the student's code printed since the previous reply, within the output cap
     * @param dropped bytes printed since the previous reply beyond the cap
     */
    public record Reply(long id, String status, String message, Tensor tensor, String output, long dropped)
            implements Message {

        public static Reply ok(long id, Tensor tensor) {
            return new Reply(id, null, null, tensor, null, 0);
        }

        public static Reply failed(long id, String status, String message) {
            return new Reply(id, status, message, null, null, 0);
        }

        public Reply withOutput(String text, long droppedBytes) {
            return new Reply(id, status, message, tensor, text, droppedBytes);
        }

        /** This reply as a frame's payload. */
        public byte[] encode() {
            return Protocol.encode(this);
        }

        @Override
        public int size() {
            return Long.BYTES
                    + stringSize(status)
                    + stringSize(message)
                    + 1
                    + (tensor == null ? 0 : TensorCodec.size(tensor))
                    + stringSize(output)
                    + Long.BYTES;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            out.putLong(id);
            putString(out, status);
            putString(out, message);
            out.put((byte) (tensor != null ? 1 : 0));
            if (tensor != null) {
                TensorCodec.write(out, tensor);
            }
            putString(out, output);
            out.putLong(dropped);
        }

        /**
         * The reply a frame's payload holds.
         *
         * @throws MalformedMessageException if it holds no reply, or more
         */
        public static Reply decode(byte[] payload) throws MalformedMessageException {
            ByteBuffer in = ByteBuffer.wrap(payload);
            try {
                return whole(in, readFrom(in));
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw malformed(e);
            }
        }

        private static Reply readFrom(ByteBuffer in) {
            long id = in.getLong();
            String status = readString(in);
            String message = readString(in);
            Tensor tensor = in.get() != 0 ? TensorCodec.read(in) : null;
            String output = readString(in);
            long dropped = in.getLong();
            return new Reply(id, status, message, tensor, output, dropped);
        }
    }

    /** A frame that does not hold the message it should: the other side is broken or hostile. */
    public static final class MalformedMessageException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A message that writes itself, into a buffer of exactly its size: one array a message, filled once (the child's
     * replies and requests are megabytes a submission; a growing stream copied them three times more). Requests and
     * replies implement it rather than pass a lambda to {@link #encode}: the child JVM links no lambda
     * (BackwardMethods), since the first costs it some 7 ms.
     */
    sealed interface Message permits Request, Reply {
        /** How many bytes {@link #writeTo} puts. */
        int size();

        void writeTo(ByteBuffer out);
    }

    private static byte[] encode(Message message) {
        ByteBuffer out = ByteBuffer.allocate(message.size());
        message.writeTo(out);
        if (out.hasRemaining()) {
            throw new IllegalStateException(
                    out.remaining() + " bytes of a " + out.capacity() + "-byte message unwritten");
        }
        return out.array();
    }

    /** {@code message}, if it was all of {@code in}. */
    private static <T> T whole(ByteBuffer in, T message) throws MalformedMessageException {
        if (in.hasRemaining()) {
            throw new MalformedMessageException(in.remaining() + " bytes after the message", null);
        }
        return message;
    }

    private static MalformedMessageException malformed(RuntimeException e) {
        String why = e instanceof BufferUnderflowException ? "it ends early" : e.getMessage();
        return new MalformedMessageException("malformed message: " + why, e);
    }

    private static int stringSize(String s) {
        return Integer.BYTES + (s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length);
    }

    private static void putString(ByteBuffer out, String s) {
        if (s == null) {
            out.putInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.putInt(bytes.length);
        out.put(bytes);
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a string of " + length + " bytes in the " + in.remaining() + " left");
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }
}
