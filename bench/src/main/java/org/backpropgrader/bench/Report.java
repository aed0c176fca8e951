package org.backpropgrader.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads JMH's JSON results and prints ms/op, GFLOP/s and the ratios the benchmarks exist for. */
public final class Report {
    private Report() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "bench-results/jmh.json");
        Map<String, double[]> results = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            JsonArray runs = JsonParser.parseReader(reader).getAsJsonArray();
            for (JsonElement run : runs) {
                JsonObject o = run.getAsJsonObject();
                String name = o.get("benchmark").getAsString();
                JsonObject metric = o.getAsJsonObject("primaryMetric");
                double error = metric.get("scoreError").isJsonPrimitive() ? metric.get("scoreError").getAsDouble() : Double.NaN;
                results.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                        new double[] {metric.get("score").getAsDouble(), error});
            }
        }
        System.out.println();
        System.out.println("benchmark                                       ms/op    ± error   GFLOP/s");
        for (Map.Entry<String, double[]> e : results.entrySet()) {
            double flop = e.getKey().startsWith("MatMulProduct.") ? 2.0 * MatMulProduct.M * MatMulProduct.K
                    * MatMulProduct.N : MatMulShapes.MLP_FLOP;
            double ms = e.getValue()[0];
            System.out.println(String.format(Locale.ROOT, "%-44s %8.3f %10.3f %9.2f", e.getKey(), ms, e.getValue()[1],
                    flop / (ms * 1e-3) / 1e9));
        }
        ratio(results, "MlpForwardBackward.forwardAndAutograd", "MlpForwardBackward.baselineTextbookMatmuls",
                "MLP forward+autograd vs textbook matmuls alone");
        ratio(results, "MatMulProduct.engineKernel", "MatMulProduct.previousKernel", "kernel vs previous kernel");
        ratio(results, "MatMulProduct.engineKernel", "MatMulProduct.textbookLoop", "kernel vs textbook loop");
        System.out.println("(GFLOP/s counts only matrix products: 55.2 MFLOP per MLP pass, 12 MFLOP per 100x200@200x300)");
    }

    private static void ratio(Map<String, double[]> results, String fast, String slow, String label) {
        if (results.containsKey(fast) && results.containsKey(slow)) {
            System.out.println(String.format(Locale.ROOT, "%s: %.2fx the time (%.1fx faster)", label,
                    results.get(fast)[0] / results.get(slow)[0], results.get(slow)[0] / results.get(fast)[0]));
        }
    }
}
