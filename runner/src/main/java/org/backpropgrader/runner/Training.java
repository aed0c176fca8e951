package org.backpropgrader.runner;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.reference.Tensor;

/**
 * {@code ChildMain --train}: a child's work without a grader, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} archives the classes every child loads (AppCDS): the protocol through Gson,
 * the wire format, every exercise's forward record, the tensor ops, a class loader per session.
 */
final class Training {
    private Training() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void run() throws IOException {
        Path empty = Files.createTempDirectory("train");
        try {
            for (Exercise<?, ?> e : Exercises.all()) {
                Record forward = ((Exercise) e).forward(1);
                Map<String, WireTensor> wire = Forwards.toWire(e, forward);
                String open = Protocol.GSON.toJson(Protocol.Request.open(1, 1, e.id(), "Student", e.id() + "@1", wire));
                Protocol.Request request = Protocol.GSON.fromJson(open, Protocol.Request.class);
                Record received = Forwards.fromWire(e, request.forward());
                Map<String, Tensor> tensors = ((Exercise) e).tensors(received);
                try (URLClassLoader loader = new URLClassLoader("submission-1", new URL[] {empty.toUri().toURL()},
                        Training.class.getClassLoader())) {
                    Object student = Proxy.newProxyInstance(loader, new Class<?>[] {e.backwardType()},
                            (proxy, method, args) -> {
                                Tensor t = tensors.get(method.getName());
                                return t.mul(2).add(1).sub(t).div(3).neg().exp().log().relu().sum(0, true)
                                        .expand(t.shape()).T().T();
                            });
                    for (Gradient g : (List<Gradient>) (List) e.gradients()) {
                        List<WireTensor> upstream = new ArrayList<>();
                        for (Object name : g.upstream()) {
                            upstream.add(WireTensor.of(Tensor.onesLike(tensors.get((String) name))));
                        }
                        String call = Protocol.GSON.toJson(Protocol.Request.call(2, 1, g.name(), upstream));
                        Protocol.Request c = Protocol.GSON.fromJson(call, Protocol.Request.class);
                        Tensor[] up = c.upstream().stream().map(WireTensor::toTensor).toArray(Tensor[]::new);
                        Protocol.Reply reply;
                        try {
                            reply = Protocol.Reply.ok(2, WireTensor.of(g.step().apply(student, received, up)));
                        } catch (RuntimeException ex) {
                            reply = Protocol.Reply.failed(2, StudentFailures.status(ex), StudentFailures.message(ex));
                        }
                        var unused = Protocol.GSON.fromJson(Protocol.GSON.toJson(reply.withOutput("x", 0)),
                                Protocol.Reply.class);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(empty);
        }
    }
}
