package org.backpropgrader.runner;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.List;
import java.util.Map;

/**
 * The line-delimited JSON protocol between the grader and its child JVM: the grader writes one {@link Request} a
 * line to the child's standard input; the child says hello (a {@link Reply} with id {@link #HELLO_ID}) when it is
 * ready, then answers {@code open} and {@code call} with one {@link Reply} a line
 * on its standard output, in order, with the request's {@code id}. {@code forget} and {@code exit} get no reply.
 *
 * <p>The child never computes the truth: it gets the forward values with {@code open} and true upstream gradients
 * only as a {@code call}'s arguments, which the grader sends only after the answer for that tensor was recorded.
 */
public final class Protocol {
    /** The one Gson configuration of both sides: one line per message, nulls left out. */
    public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** Longer reply lines are garbage: the largest legitimate one (a 100×300 gradient) is about 160 kB. */
    public static final int MAX_LINE_CHARS = 16 << 20;

    /** Request kinds. */
    public static final String OPEN = "open";
    public static final String CALL = "call";
    public static final String FORGET = "forget";
    public static final String EXIT = "exit";

    /** The id of the reply a child writes once, unasked, when it is ready for requests. */
    public static final long HELLO_ID = 0;

    private Protocol() {}

    /**
     * One message from the grader.
     *
     * @param op {@link #OPEN}, {@link #CALL}, {@link #FORGET} or {@link #EXIT}
     * @param id the number the reply repeats (open, call)
     * @param session the session a message is about: chosen by the grader at {@code open}
     * @param exercise open: the exercise id
     * @param className open: the class implementing the exercise's {@code …Backward} interface
     * @param forwardKey open: names the forward values (exercise and seed); the child keeps them for later opens
     * @param forward open: the forward values by tensor name, or null when the child already has {@code forwardKey}
     * @param gradient call: the gradient whose method is called
     * @param upstream call: the upstream gradients, in parameter order
     */
    public record Request(String op, long id, int session, String exercise, String className, String forwardKey,
            Map<String, WireTensor> forward, String gradient, List<WireTensor> upstream) {

        public static Request open(long id, int session, String exercise, String className, String forwardKey,
                Map<String, WireTensor> forward) {
            return new Request(OPEN, id, session, exercise, className, forwardKey, forward, null, null);
        }

        public static Request call(long id, int session, String gradient, List<WireTensor> upstream) {
            return new Request(CALL, id, session, null, null, null, null, gradient, upstream);
        }

        public static Request forget(int session) {
            return new Request(FORGET, 0, session, null, null, null, null, null, null);
        }

        public static Request exit() {
            return new Request(EXIT, 0, 0, null, null, null, null, null, null);
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
    public record Reply(long id, String status, String message, WireTensor tensor, String output, long dropped) {

        public static Reply ok(long id, WireTensor tensor) {
            return new Reply(id, null, null, tensor, null, 0);
        }

        public static Reply failed(long id, String status, String message) {
            return new Reply(id, status, message, null, null, 0);
        }

        public Reply withOutput(String text, long droppedBytes) {
            return new Reply(id, status, message, tensor, text, droppedBytes);
        }
    }
}
