package org.backpropgrader.exercises.reluneuron;

import java.util.List;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.exercises.bcelogistic.BceLogistic;
import org.backpropgrader.reference.Generator;
import org.backpropgrader.reference.Tensor;

/** The notebook's cells 8 and 9: one ReLU neuron. Its generator continues after {@code bce-logistic}'s draws. */
public final class ReluNeuron implements Exercise<ReluNeuronForward, ReluNeuronBackward> {
    /** The checked gradients, made when first asked for: each links lambdas (see Exercises). */
    private static final class Checked {
        static final List<Gradient<ReluNeuronForward, ReluNeuronBackward>> GRADIENTS = List.of(
                Gradient.of("res", ReluNeuronForward::res, (s, f, d) -> s.res(f, d[0]), "loss"),
                Gradient.of("pre", ReluNeuronForward::pre, (s, f, d) -> s.pre(f, d[0]), "res"),
                Gradient.of("x", ReluNeuronForward::x, (s, f, d) -> s.x(f, d[0]), "pre"),
                Gradient.of("w", ReluNeuronForward::w, (s, f, d) -> s.w(f, d[0]), "pre"));
    }

    @Override
    public String id() {
        return "relu-neuron";
    }

    @Override
    public String title() {
        return "single ReLU neuron";
    }

    @Override
    public Class<ReluNeuronBackward> backwardType() {
        return ReluNeuronBackward.class;
    }

    @Override
    public Class<ReluNeuronForward> forwardType() {
        return ReluNeuronForward.class;
    }

    @Override
    public ReluNeuronForward forward(long seed) {
        Generator g = new Generator(seed);
        BceLogistic.forward(g); // cell 8 does not reseed: it continues cell 6's generator
        return forward(g);
    }

    /** The notebook's cell 8, drawing from {@code g}. */
    public static ReluNeuronForward forward(Generator g) {
        Tensor x = g.randn(5, 5);
        Tensor w = g.randn(5, 1);

        Tensor pre = x.matmul(w);
        Tensor res = pre.relu();
        Tensor loss = res.mean(0);
        return new ReluNeuronForward(x, w, pre, res, loss);
    }

    /** The batch size: {@code x} has 5 rows. */
    static final int N = 5;

    @Override
    public int batchSize() {
        return N;
    }

    @Override
    public List<Gradient<ReluNeuronForward, ReluNeuronBackward>> gradients() {
        return Checked.GRADIENTS;
    }
}
