package org.backpropgrader.grader.truth;

import com.google.gson.annotations.JsonAdapter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backpropgrader.grader.model.Seeds;
import org.backpropgrader.reference.Tensor;

/**
 * The {@code grader truth} document: every leaf and intermediate of the forward pass and every checked gradient,
 * keyed by the notebook's names, values row-major. Floats are written as the shortest decimal that reads back to
 * the same float32 bits ({@link Float#toString}); a non-finite value (a degenerate seed's loss) is the string
 * {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}, never a bare token; int64 index tensors ({@code Xb},
 * {@code Yb}) are JSON integers. The seed is unsigned, as torch's {@code initial_seed()} prints it.
 */
public record AnswerKey(
        String exercise,
        @JsonAdapter(Seeds.Json.class) long seed,
        float loss,
        Map<String, Values> tensors,
        Map<String, Values> gradients) {

    /**
     * A tensor as JSON: its shape, its dtype and its values in row-major order. A class, not a record: it holds
     * arrays, which a record's equals and hashCode would compare by identity.
     */
    public static final class Values {
        private final int[] shape;
        private final String dtype;
        private final Object values;

        /**
         * The JSON form of a tensor of this shape.
         *
         * @param dtype {@code float32} or {@code int64}
         * @param values a {@code float[]} for float32, a {@code long[]} for int64 (so that Gson writes whole numbers)
         */
        public Values(int[] shape, String dtype, Object values) {
            this.shape = shape;
            this.dtype = dtype;
            this.values = values;
        }

        public int[] shape() {
            return shape;
        }

        public String dtype() {
            return dtype;
        }

        public Object values() {
            return values;
        }

        static Values of(Tensor t) {
            return t.dtype() == Tensor.Dtype.INT64
                    ? new Values(t.shape(), "int64", t.toLongArray())
                    : new Values(t.shape(), "float32", t.toFloatArray());
        }
    }

    public static AnswerKey of(Truth truth) {
        Map<String, Values> tensors = new LinkedHashMap<>();
        truth.tensors().forEach((name, t) -> tensors.put(name, Values.of(t)));
        Map<String, Values> gradients = new LinkedHashMap<>();
        truth.gradients().forEach((name, t) -> gradients.put(name, Values.of(t)));
        return new AnswerKey(truth.exercise().id(), truth.seed(), truth.output().toFloatArray()[0], tensors, gradients);
    }
}
