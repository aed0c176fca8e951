package org.backpropgrader.exercises.makemore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backpropgrader.reference.Generator;
import org.backpropgrader.reference.Tensor;

/**
 * The seeded forward pass the three makemore exercises share ({@code ../shared/spec/makemore-exercises.md}): the
 * character MLP with batchnorm of "becoming a backprop ninja", its leaves drawn from
 * {@code torch.Generator().manual_seed(seed)} in the spec's order, then its lines with the notebook's names. The
 * fused exercises replace one part of it ({@link #crossEntropy}, {@link #batchnorm}); the values of the manual
 * pass stay available to students.
 *
 * <p>Python floats applied to float32 tensors are rounded to float32 first and applied left to right, as PyTorch
 * does: {@code 1/n * t} is {@code t.mul(1.0 / n)}, {@code randn * (5/3) / sqrt(30)} is a multiply then a true
 * division.
 */
public final class MakemorePass {
    /** The batch size {@code n}. */
    public static final int N = 32;

    public static final int BLOCK_SIZE = 3;
    public static final int N_EMBD = 10;
    public static final int N_HIDDEN = 64;
    public static final int VOCAB_SIZE = 27;

    private MakemorePass() {}

    /** The spelled-out pass: every named tensor, leaves and index tensors first, then forward order, then loss. */
    public static Map<String, Tensor> manual(long seed) {
        Map<String, Tensor> v = leaves(seed);
        throughHprebn(v);
        spelledOutBatchnorm(v);
        v.put("hpreact", v.get("bngain").mul(v.get("bnraw")).add(v.get("bnbias")));
        fromHpreact(v);
        return Collections.unmodifiableMap(v);
    }

    /** {@code makemore-cross-entropy}: the manual pass with {@code loss = F.cross_entropy(logits, Yb)}. */
    public static Map<String, Tensor> crossEntropy(long seed) {
        Map<String, Tensor> v = new LinkedHashMap<>(manual(seed));
        v.put("loss", Tensor.crossEntropy(v.get("logits"), v.get("Yb")));
        return Collections.unmodifiableMap(v);
    }

    /**
     * {@code makemore-batchnorm}: {@code hpreact} in one expression, evaluated as PyTorch does,
     * {@code ((bngain * (hprebn - mean)) / sqrt(var + eps)) + bnbias}, and {@code h, logits, ..., loss} from it;
     * {@code bnmeani ... bnraw} are the spelled-out values, off the differentiated graph.
     */
    public static Map<String, Tensor> batchnorm(long seed) {
        Map<String, Tensor> v = leaves(seed);
        throughHprebn(v);
        spelledOutBatchnorm(v);
        Tensor hprebn = v.get("hprebn");
        v.put(
                "hpreact",
                v.get("bngain")
                        .mul(hprebn.sub(hprebn.mean(0, true)))
                        .div(hprebn.var(0, true, true).add(1e-5).sqrt())
                        .add(v.get("bnbias")));
        fromHpreact(v);
        return Collections.unmodifiableMap(v);
    }

    /** The parameters, then a batch of contexts and next characters, drawn in the spec's order. */
    private static Map<String, Tensor> leaves(long seed) {
        Generator g = new Generator(seed);
        Map<String, Tensor> v = new LinkedHashMap<>();
        v.put("C", g.randn(VOCAB_SIZE, N_EMBD));
        v.put("W1", g.randn(N_EMBD * BLOCK_SIZE, N_HIDDEN).mul(5.0 / 3).div(Math.sqrt(N_EMBD * BLOCK_SIZE)));
        v.put("b1", g.randn(N_HIDDEN).mul(0.1));
        v.put("W2", g.randn(N_HIDDEN, VOCAB_SIZE).mul(0.1));
        v.put("b2", g.randn(VOCAB_SIZE).mul(0.1));
        v.put("bngain", g.randn(1, N_HIDDEN).mul(0.1).add(1.0));
        v.put("bnbias", g.randn(1, N_HIDDEN).mul(0.1));
        v.put("Xb", g.randint(0, VOCAB_SIZE, Tensor.Dtype.INT64, N, BLOCK_SIZE));
        v.put("Yb", g.randint(0, VOCAB_SIZE, Tensor.Dtype.INT64, N));
        return v;
    }

    private static void throughHprebn(Map<String, Tensor> v) {
        Tensor emb = v.get("C").index(v.get("Xb"));
        Tensor embcat = emb.view(emb.size(0), -1);
        v.put("emb", emb);
        v.put("embcat", embcat);
        v.put("hprebn", embcat.matmul(v.get("W1")).add(v.get("b1")));
    }

    private static void spelledOutBatchnorm(Map<String, Tensor> v) {
        Tensor hprebn = v.get("hprebn");
        Tensor bnmeani = hprebn.sum(0, true).mul(1.0 / N);
        Tensor bndiff = hprebn.sub(bnmeani);
        Tensor bndiff2 = bndiff.pow(2);
        Tensor bnvar = bndiff2.sum(0, true).mul(1.0 / (N - 1)); // Bessel's correction
        Tensor bnvar_inv = bnvar.add(1e-5).pow(-0.5);
        v.put("bnmeani", bnmeani);
        v.put("bndiff", bndiff);
        v.put("bndiff2", bndiff2);
        v.put("bnvar", bnvar);
        v.put("bnvar_inv", bnvar_inv);
        v.put("bnraw", bndiff.mul(bnvar_inv));
    }

    private static void fromHpreact(Map<String, Tensor> v) {
        Tensor h = v.get("hpreact").tanh();
        Tensor logits = h.matmul(v.get("W2")).add(v.get("b2"));
        Tensor logit_maxes = logits.max(1, true).values();
        Tensor norm_logits = logits.sub(logit_maxes);
        Tensor counts = norm_logits.exp();
        Tensor counts_sum = counts.sum(1, true);
        Tensor counts_sum_inv = counts_sum.pow(-1);
        Tensor probs = counts.mul(counts_sum_inv);
        Tensor logprobs = probs.log();
        v.put("h", h);
        v.put("logits", logits);
        v.put("logit_maxes", logit_maxes);
        v.put("norm_logits", norm_logits);
        v.put("counts", counts);
        v.put("counts_sum", counts_sum);
        v.put("counts_sum_inv", counts_sum_inv);
        v.put("probs", probs);
        v.put("logprobs", logprobs);
        v.put("loss", logprobs.index(Tensor.arange(N), v.get("Yb")).mean().neg());
    }
}
