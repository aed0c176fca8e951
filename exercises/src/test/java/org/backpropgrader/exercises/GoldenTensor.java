package org.backpropgrader.exercises;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** A tensor as the golden file stores it: shape and exact float32 bits ({@code hex} or {@code hex_packed}). */
record GoldenTensor(int[] shape, float[] values) {

    static GoldenTensor from(JsonObject json) {
        JsonArray shapeJson = json.getAsJsonArray("shape");
        int[] shape = new int[shapeJson.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeJson.get(i).getAsInt();
        }
        int numel = 1;
        for (int d : shape) {
            numel *= d;
        }
        float[] values = new float[numel];
        if (json.has("hex")) {
            JsonArray hex = json.getAsJsonArray("hex");
            for (int i = 0; i < numel; i++) {
                values[i] = Float.intBitsToFloat(
                        Integer.parseUnsignedInt(hex.get(i).getAsString().substring(2), 16));
            }
        } else if (json.has("hex_packed")) {
            String packed = json.get("hex_packed").getAsString();
            for (int i = 0; i < numel; i++) {
                values[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(packed, 8 * i, 8 * i + 8, 16));
            }
        } else {
            throw new IllegalArgumentException("tensor has neither hex nor hex_packed: " + json.keySet());
        }
        return new GoldenTensor(shape, values);
    }
}
