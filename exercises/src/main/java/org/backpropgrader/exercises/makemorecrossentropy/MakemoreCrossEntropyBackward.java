package org.backpropgrader.exercises.makemorecrossentropy;

import org.backpropgrader.reference.Tensor;

/**
 * {@code makemore-cross-entropy}: the makemore MLP with its tail from {@code logits} on replaced by
 * {@code loss = F.cross_entropy(logits, Yb)}, n = 32. Write the fused cross-entropy backward in one expression.
 */
public interface MakemoreCrossEntropyBackward {
    /**
     * dloss/dlogits, shape [32, 27], from {@code logits} and {@code Yb} in one expression; {@code dloss} is ones
     * shaped like the loss ([], a 0-d tensor).
     */
    Tensor logits(MakemoreCrossEntropyForward f, Tensor dloss);
}
