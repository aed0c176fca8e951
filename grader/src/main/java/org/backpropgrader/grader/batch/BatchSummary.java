package org.backpropgrader.grader.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.report.Json;

/**
 * {@code OUT/summary.json}: how the class did, built from the native results on disk (so submissions graded by an
 * earlier, interrupted run count too), and how this run went.
 *
 * @param submissions entries in the submissions directory, each with a result
 * @param graded submissions graded by this run (including those that failed to load)
 * @param resumed submissions skipped by this run because an earlier run's result still stands ({@code --resume})
 * @param failed submissions, graded by this run or an earlier one, that could not be graded at all (unloadable,
 *     internal error): every exercise ERROR, score 0
 * @param wallTimeSeconds this run, from listing the entries to writing the gradebook
 * @param submissionsPerSecond {@code graded / wallTimeSeconds}
 * @param maxScore the most a submission can score under the policy
 * @param meanScore mean total score over all submissions
 * @param medianScore median total score over all submissions
 * @param meanPercent mean of score / max score, in percent
 * @param histogram submissions per tenth of the maximum score: {@code "0-10"} … {@code "90-100"} (percent; the last
 *     bin holds full marks)
 * @param exerciseStatus per exercise, submissions by the exercise's status (every status listed, in order)
 * @param overallStatus exercise results by status, summed over exercises
 * @param gradientPassRate per gradient ({@code "mse-linear/diff2"}), the fraction of submissions whose gradient
 *     earned its points, in the notebook's order
 * @param hardest the five gradients with the lowest pass rate, lowest first: where the class struggles
 * @param policyHash {@link ContentHash#policy} of the policy this batch graded with
 * @param roster the submissions held against the roster, or null when the batch had none
 * @param hintCounts per gradient ({@code "mse-linear/diff2"}), how many submissions made each kind of mistake: the
 *     gradient's {@code hintCode} ({@code "batch-size": 12, "sign": 3, "other": 1}), most frequent first (ties in
 *     code order); only gradients with a mistake are listed, in the notebook's order
 */
public record BatchSummary(
        int submissions,
        int graded,
        int resumed,
        int failed,
        double wallTimeSeconds,
        double submissionsPerSecond,
        double maxScore,
        double meanScore,
        double medianScore,
        double meanPercent,
        Map<String, Integer> histogram,
        Map<String, Map<String, Integer>> exerciseStatus,
        Map<String, Integer> overallStatus,
        Map<String, Double> gradientPassRate,
        List<String> hardest,
        String policyHash,
        RosterCheck roster,
        Map<String, Map<String, Integer>> hintCounts) {

    static final int BINS = 10;

    /**
     * A batch's submissions against its roster.
     *
     * @param file the roster file as given
     * @param students how many students the roster lists
     * @param notOnRoster submissions graded that the roster does not list (no LTI Score)
     * @param withoutSubmission roster students with no submission (0 in the gradebook)
     */
    public record RosterCheck(String file, int students, List<String> notOnRoster, List<String> withoutSubmission) {
        public RosterCheck {
            notOnRoster = List.copyOf(notOnRoster);
            withoutSubmission = List.copyOf(withoutSubmission);
        }
    }

    /** This summary with a roster check. */
    BatchSummary withRoster(RosterCheck check) {
        return new BatchSummary(
                submissions,
                graded,
                resumed,
                failed,
                wallTimeSeconds,
                submissionsPerSecond,
                maxScore,
                meanScore,
                medianScore,
                meanPercent,
                histogram,
                exerciseStatus,
                overallStatus,
                gradientPassRate,
                hardest,
                policyHash,
                check,
                hintCounts);
    }

    /**
     * The summary of {@code results} (one per submission).
     *
     * @param graded how many of them this run graded
     * @param resumed how many of them this run kept from an earlier run
     * @param exercises the exercises the policy grades, in catalog order
     */
    public static BatchSummary of(
            List<ResultFile.Read> results,
            int graded,
            int resumed,
            double wallTimeSeconds,
            double policyMaxScore,
            String policyHash,
            List<Exercise<?, ?>> exercises) {
        int failed = 0;
        List<Double> scores = new ArrayList<>();
        double percentSum = 0;
        int[] bins = new int[BINS];
        Map<String, Map<String, Integer>> exerciseStatus = new LinkedHashMap<>();
        Map<String, Integer> overall = statusCounts();
        Map<String, int[]> passes = new LinkedHashMap<>(); // gradient → {passed, seen}
        Map<String, Map<String, Integer>> codes = new LinkedHashMap<>(); // gradient → code → submissions
        for (Exercise<?, ?> e : exercises) {
            exerciseStatus.put(e.id(), statusCounts());
            e.gradients().forEach(g -> passes.put(e.id() + "/" + g.name(), new int[2]));
        }
        for (ResultFile.Read r : results) {
            GradeReport report = r.report();
            if (r.stamp().failure() != null) {
                failed++;
            }
            double score = finite(report.score());
            scores.add(score);
            double percent = report.maxScore() > 0 ? 100 * score / report.maxScore() : 0;
            percentSum += percent;
            bins[Math.max(0, Math.min(BINS - 1, (int) Math.floor(percent / (100.0 / BINS))))]++;
            for (ExerciseResult e : report.exercises()) {
                String status = String.valueOf(e.status());
                exerciseStatus.computeIfAbsent(e.id(), k -> statusCounts()).merge(status, 1, Integer::sum);
                overall.merge(status, 1, Integer::sum);
                for (GradientResult g : e.gradients()) {
                    int[] p = passes.computeIfAbsent(e.id() + "/" + g.name(), k -> new int[2]);
                    p[1]++;
                    if (g.status() != null && g.status().earnsPoints()) {
                        p[0]++;
                    } else if (g.hintCode() != null) {
                        codes.computeIfAbsent(e.id() + "/" + g.name(), k -> new LinkedHashMap<>())
                                .merge(g.hintCode(), 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, Integer> histogram = new LinkedHashMap<>();
        for (int i = 0; i < BINS; i++) {
            histogram.put((i * 100 / BINS) + "-" + ((i + 1) * 100 / BINS), bins[i]);
        }
        Map<String, Double> passRate = new LinkedHashMap<>();
        passes.forEach((name, p) -> {
            if (p[1] > 0) {
                passRate.put(name, round((double) p[0] / p[1]));
            }
        });
        List<String> hardest = passRate.entrySet().stream()
                .sorted(Map.Entry.comparingByValue()) // stable: ties stay in the notebook's order
                .limit(5)
                .map(Map.Entry::getKey)
                .toList();
        Map<String, Map<String, Integer>> hintCounts = new LinkedHashMap<>();
        passes.keySet().stream()
                .filter(codes::containsKey)
                .forEach(name -> hintCounts.put(name, mostFrequentFirst(codes.get(name))));
        int n = results.size();
        scores.sort(null);
        double mean =
                n == 0 ? 0 : scores.stream().mapToDouble(Double::doubleValue).sum() / n;
        double median = n == 0 ? 0 : n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
        return new BatchSummary(
                n,
                graded,
                resumed,
                failed,
                round(wallTimeSeconds),
                wallTimeSeconds > 0 ? round(graded / wallTimeSeconds) : 0,
                policyMaxScore,
                round(mean),
                round(median),
                n == 0 ? 0 : round(percentSum / n),
                histogram,
                exerciseStatus,
                overall,
                passRate,
                hardest,
                policyHash,
                null,
                hintCounts);
    }

    public String toJson() {
        return Json.PRETTY.toJson(this) + "\n";
    }

    private static Map<String, Integer> mostFrequentFirst(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static Map<String, Integer> statusCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            counts.put(s.name(), 0);
        }
        return counts;
    }

    private static double finite(double x) {
        return Double.isFinite(x) ? x : 0;
    }

    /** Four decimals: enough for rates and scores, and the file stays readable. */
    private static double round(double x) {
        return Double.isFinite(x) ? Math.round(x * 1e4) / 1e4 : 0;
    }
}
