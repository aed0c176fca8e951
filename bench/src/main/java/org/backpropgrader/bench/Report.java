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

/**
 * Reads JMH's JSON results (and PyTorch's, from {@code bench/run-torch.sh}, when present) and prints ms/op, GFLOP/s
 * and the ratios the benchmarks exist for.
 */
public final class Report {
    private static final String E4 = "MlpForwardBackward.forwardAndAutograd";
    private static final String CPU = "cpu.ms/op";

    private Report() {}

    /** One benchmark's score: wall ms/op with its error, and CPU ms/op with its error (NaN when not profiled). */
    private record Score(double ms, double error, double cpuMs, double cpuError) {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "bench-results/jmh.json");
        Path torchFile = Path.of(args.length > 1 ? args[1] : "bench-results/torch.json");
        Map<String, Score> results = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            JsonArray runs = JsonParser.parseReader(reader).getAsJsonArray();
            for (JsonElement run : runs) {
                JsonObject o = run.getAsJsonObject();
                String name = o.get("benchmark").getAsString();
                JsonObject metric = o.getAsJsonObject("primaryMetric");
                JsonObject secondary = o.getAsJsonObject("secondaryMetrics");
                JsonObject cpu = secondary != null && secondary.has(CPU) ? secondary.getAsJsonObject(CPU) : null;
                results.put(
                        name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                        new Score(
                                metric.get("score").getAsDouble(),
                                error(metric),
                                cpu != null ? cpu.get("score").getAsDouble() : Double.NaN,
                                error(cpu)));
            }
        }
        System.out.println();
        System.out.println(
                "benchmark                                       ms/op    ± error   GFLOP/s" + "   CPU ms/op ± error");
        for (Map.Entry<String, Score> e : results.entrySet()) {
            double flop = e.getKey().startsWith("MatMulProduct.")
                    ? 2.0 * MatMulProduct.M * MatMulProduct.K * MatMulProduct.N
                    : MatMulShapes.MLP_FLOP;
            Score s = e.getValue();
            System.out.println(String.format(
                    Locale.ROOT,
                    "%-44s %8.3f %10.3f %9.2f %11.3f %7.3f",
                    e.getKey(),
                    s.ms(),
                    s.error(),
                    flop / (s.ms() * 1e-3) / 1e9,
                    s.cpuMs(),
                    s.cpuError()));
        }
        ratio(
                results,
                E4,
                "MlpForwardBackward.baselineTextbookMatmuls",
                "MLP forward+autograd vs textbook matmuls alone");
        ratio(results, E4, "MlpForwardBackward.forwardAndAutogradC1Only", "MLP forward+autograd, C2 vs C1 only");
        ratio(
                results,
                "MatMulProduct.engineKernel",
                "MatMulProduct.previousKernel",
                "kernel vs the first, unblocked i-p-j kernel");
        ratio(results, "MatMulProduct.engineKernel", "MatMulProduct.textbookLoop", "kernel vs textbook loop");
        System.out.println(
                "(GFLOP/s counts only matrix products: 55.2 MFLOP per MLP pass, 12 MFLOP per 100x200@200x300)");
        if (results.containsKey(E4)) {
            againstPyTorch(results.get(E4), torchFile);
        }
    }

    private static double error(JsonObject metric) {
        return metric != null && metric.get("scoreError").isJsonPrimitive()
                ? metric.get("scoreError").getAsDouble()
                : Double.NaN;
    }

    private static void ratio(Map<String, Score> results, String fast, String slow, String label) {
        if (results.containsKey(fast) && results.containsKey(slow)) {
            System.out.println(String.format(
                    Locale.ROOT,
                    "%s: %.2fx the time (%.1fx faster)",
                    label,
                    results.get(fast).ms() / results.get(slow).ms(),
                    results.get(slow).ms() / results.get(fast).ms()));
        }
    }

    /** E4 forward + backward against each PyTorch run in {@code torchFile}: wall time and CPU time ratios. */
    private static void againstPyTorch(Score e4, Path torchFile) throws IOException {
        System.out.println();
        if (!Files.isRegularFile(torchFile)) {
            System.out.println("E4 vs PyTorch: no " + torchFile + " (bench/run-torch.sh writes it)");
            return;
        }
        JsonObject torch;
        try (Reader reader = Files.newBufferedReader(torchFile)) {
            torch = JsonParser.parseReader(reader).getAsJsonObject();
        }
        if (torch.has("skipped")) {
            System.out.println(
                    "E4 vs PyTorch: not measured: " + torch.get("skipped").getAsString());
            return;
        }
        for (Map.Entry<String, JsonElement> run : torch.getAsJsonObject("runs").entrySet()) {
            JsonObject r = run.getValue().getAsJsonObject();
            if (r.has("skipped")) {
                System.out.println("E4 vs PyTorch + " + run.getKey() + ": not measured: "
                        + r.get("skipped").getAsString());
                continue;
            }
            double wall = r.get("medianMs").getAsDouble();
            double cpu = r.get("cpuMedianMs").getAsDouble();
            System.out.println(String.format(
                    Locale.ROOT,
                    "E4 forward+backward vs PyTorch %s + %s (1 thread): wall %.3f / %.3f ms = %.2fx, CPU %.3f / %.3f"
                            + " ms = %.2fx",
                    torch.get("torch").getAsString(),
                    run.getKey(),
                    e4.ms(),
                    wall,
                    e4.ms() / wall,
                    e4.cpuMs(),
                    cpu,
                    e4.cpuMs() / cpu));
        }
        System.out.println("(JMH: mean of its iterations; PyTorch: median of its rounds, bench-results/torch.json)");
    }
}
