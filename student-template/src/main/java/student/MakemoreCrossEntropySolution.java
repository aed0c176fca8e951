package student;

import org.backpropgrader.exercises.makemorecrossentropy.MakemoreCrossEntropyBackward;
import org.backpropgrader.exercises.makemorecrossentropy.MakemoreCrossEntropyForward;
import org.backpropgrader.reference.Tensor;

/**
 * Exercise makemore-cross-entropy. The makemore forward pass (see {@link MakemoreManualSolution}) with its tail from
 * {@code logits} on replaced by one call:
 * <pre>
 * loss = F.cross_entropy(logits, Yb)     # Tensor.crossEntropy(logits, Yb); n = 32, 27 classes
 * </pre>
 * Write {@code dlogits} in one expression from {@code f.logits()} and {@code f.Yb()}. Run {@code make check}.
 */
public class MakemoreCrossEntropySolution implements MakemoreCrossEntropyBackward {

    /** Returns dloss/dlogits, shape [32, 27]; {@code dloss} is ones shaped like the loss ([], a 0-d tensor). */
    @Override
    public Tensor logits(MakemoreCrossEntropyForward f, Tensor dloss) {
        throw new UnsupportedOperationException("TODO logits");
    }
}
