package org.backpropgrader.exercises.makemorecrossentropy;

import org.backpropgrader.reference.Tensor;

/**
 * The forward values of {@code makemore-cross-entropy}: the leaves {@code C, W1, b1, W2, b2, bngain, bnbias}, the int64
 * index tensors {@code Xb} [32, 3] and {@code Yb} [32], then every named intermediate in forward order, then
 * {@code loss}. {@code loss} is the fused {@code F.cross_entropy(logits, Yb)}; {@code logit_maxes ... logprobs}
 * are the spelled-out values, which a student may use but which are not on the differentiated graph.
 */
public record MakemoreCrossEntropyForward(
        Tensor C,
        Tensor W1,
        Tensor b1,
        Tensor W2,
        Tensor b2,
        Tensor bngain,
        Tensor bnbias,
        Tensor Xb,
        Tensor Yb,
        Tensor emb,
        Tensor embcat,
        Tensor hprebn,
        Tensor bnmeani,
        Tensor bndiff,
        Tensor bndiff2,
        Tensor bnvar,
        Tensor bnvar_inv,
        Tensor bnraw,
        Tensor hpreact,
        Tensor h,
        Tensor logits,
        Tensor logit_maxes,
        Tensor norm_logits,
        Tensor counts,
        Tensor counts_sum,
        Tensor counts_sum_inv,
        Tensor probs,
        Tensor logprobs,
        Tensor loss) {}
