package mistakes;

import org.backpropgrader.exercises.makemorecrossentropy.MakemoreCrossEntropyBackward;
import org.backpropgrader.exercises.makemorecrossentropy.MakemoreCrossEntropyForward;
import org.backpropgrader.reference.Tensor;

/** The fused cross-entropy backward with its classic mistake. */
public class MakemoreCrossEntropyMistakes implements MakemoreCrossEntropyBackward {
    @Override
    public Tensor logits(MakemoreCrossEntropyForward f, Tensor dloss) {
        // dlogits = F.softmax(logits, 1); dlogits[range(n), Yb] -= 1; dlogits /= n
        return f.logits().softmax(1).div(f.logits().size(0)).mul(dloss); // mistake: forgot the -1 at the target
    }
}
