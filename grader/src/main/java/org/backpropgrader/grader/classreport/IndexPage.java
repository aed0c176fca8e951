package org.backpropgrader.grader.classreport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.batch.BatchStamp;
import org.backpropgrader.grader.batch.BatchSummary;
import org.backpropgrader.grader.batch.ResultFile;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.report.Format;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.report.Json;

/**
 * What {@code report/index.html} shows, computed once here so the template only lays it out. The class figures
 * (histogram, pass rates, mistake counts) are {@link BatchSummary#of}'s over the results that hold a report, the
 * same computation that wrote {@code summary.json}.
 */
public record IndexPage(
        String title,
        String generatedAt,
        Overview overview,
        Histogram histogram,
        List<ExerciseRow> exercises,
        List<GradientRow> gradients,
        List<String> flagCounts,
        List<FlaggedRow> flagged,
        int flaggedHidden,
        Manifest manifest,
        List<String> warnings,
        String gridJson,
        Assets assets) {

    /** How many flagged submissions the page lists; the grid's "flagged" filter shows every one. */
    static final int FLAGGED_LISTED = 200;
    /** How many kinds of mistake a gradient's row shows before "more". */
    static final int MISTAKES_SHOWN = 5;

    /**
     * The class at a glance.
     *
     * @param submissions result files found
     * @param withReport those that hold a report (the figures are theirs)
     */
    public record Overview(
            int submissions,
            int withReport,
            int failed,
            int flagged,
            int unverified,
            String mean,
            String median,
            String max,
            String meanPercent,
            String run) {}

    /** One exercise: mean points and how the points are spread. */
    public record ExerciseRow(
            String id,
            String title,
            String meanPoints,
            String maxPoints,
            Histogram distribution,
            List<StatusCount> statuses) {}

    public record StatusCount(String status, String css, int count) {}

    /**
     * One gradient: its pass rate and the mistakes behind the failures.
     *
     * @param key {@code exercise/gradient}, the key of {@code summary.json}
     * @param passRate the fraction that earned the points, as {@code summary.json} has it
     * @param percent the same for people ({@code 83%})
     * @param mistakes hint codes first (most frequent first), then failures that were not answers (ERROR, …): the
     *     first {@link #MISTAKES_SHOWN}
     * @param more the rest, folded away
     */
    public record GradientRow(
            String key,
            String exercise,
            String name,
            double passRate,
            String percent,
            int passed,
            int total,
            List<Mistake> mistakes,
            List<Mistake> more,
            boolean hardest) {}

    /**
     * One kind of mistake on one gradient.
     *
     * @param code a hint code ({@code batch-size}) or, for failures that are not answers, a status in lower case
     * @param hint whether {@code code} is a hint code (else a status)
     * @param share of the failing answers, in percent ({@code 61%})
     * @param example the hint most often given for it, or null
     */
    public record Mistake(String code, boolean hint, int count, String share, String example) {}

    /** A flagged submission, its flags and their reasons. */
    public record FlaggedRow(String id, String href, List<Flags.Flag> flags) {}

    /**
     * What the batch graded with.
     *
     * @param seeds the policy's seeds, in order
     * @param policyJson the applied policy as JSON
     * @param graders distinct grader versions and Java versions that wrote the results
     */
    public record Manifest(
            String policyHash,
            List<String> seeds,
            String scoringMode,
            String shapes,
            String policyJson,
            List<String> graders,
            String gradedFrom,
            String gradedTo,
            int policies) {}

    /** The page's own CSS and script, inlined so the page needs no other file. */
    public record Assets(String css, String script) {}

    static IndexPage of(
            ClassResults.Loaded loaded, Map<String, List<Flags.Flag>> flags, Assets assets, String generatedAt) {
        List<ResultFile.Read> reads = new ArrayList<>();
        for (ClassResults.Entry e : loaded.entries()) {
            if (e.report() != null) {
                reads.add(new ResultFile.Read(
                        e.report(), e.stamp() != null ? e.stamp() : new BatchStamp(null, null, null, null)));
            }
        }
        double maxScore =
                reads.stream().mapToDouble(r -> r.report().maxScore()).max().orElse(0);
        ClassResults.Run run = loaded.run();
        BatchSummary summary = BatchSummary.of(
                reads,
                run.graded() == null ? 0 : run.graded(),
                run.resumed() == null ? 0 : run.resumed(),
                run.wallTimeSeconds() == null ? 0 : run.wallTimeSeconds(),
                maxScore,
                loaded.policyHash(),
                Exercises.all().stream()
                        .filter(e -> reads.stream()
                                .anyMatch(r -> r.report().exercises().stream().anyMatch(x -> x.id().equals(e.id()))))
                        .toList());

        int flaggedCount =
                (int) flags.values().stream().filter(f -> !f.isEmpty()).count();
        int unverified =
                (int) loaded.entries().stream().filter(e -> !e.verified()).count();
        String runText = run.graded() == null
                ? "no summary.json: run figures unknown"
                : run.graded() + " graded by the last run, " + run.resumed() + " kept from an earlier one, "
                        + Format.points(run.wallTimeSeconds()) + " s";
        Overview overview = new Overview(
                loaded.entries().size(),
                reads.size(),
                summary.failed(),
                flaggedCount,
                unverified,
                Format.points(summary.meanScore()),
                Format.points(summary.medianScore()),
                Format.points(summary.maxScore()),
                String.format(Locale.ROOT, "%.1f%%", summary.meanPercent()),
                runText);

        List<String> flagCounts = new ArrayList<>();
        for (Flags.Kind k : Flags.Kind.values()) {
            long n = flags.values().stream()
                    .filter(fs -> fs.stream().anyMatch(f -> f.kind() == k))
                    .count();
            if (n > 0) {
                flagCounts.add(n + " " + k.label());
            }
        }
        List<FlaggedRow> flagged = new ArrayList<>();
        int hidden = 0;
        for (ClassResults.Entry e : loaded.entries()) {
            List<Flags.Flag> f = flags.getOrDefault(e.id(), List.of());
            if (f.isEmpty()) {
                continue;
            }
            if (flagged.size() < FLAGGED_LISTED) {
                flagged.add(new FlaggedRow(e.id(), href(e.id()), f));
            } else {
                hidden++;
            }
        }
        return new IndexPage(
                "Class report: " + loaded.entries().size() + " submissions",
                generatedAt,
                overview,
                Histogram.of(summary.histogram(), 600, 160, 18),
                exercises(reads, summary),
                gradients(reads, summary),
                flagCounts,
                flagged,
                hidden,
                manifest(reads, summary),
                warnings(reads),
                GridData.json(loaded, flags),
                assets);
    }

    static String href(String id) {
        return "submissions/" + Links.segment(Links.pageFile(id));
    }

    private static List<ExerciseRow> exercises(List<ResultFile.Read> reads, BatchSummary summary) {
        List<ExerciseRow> rows = new ArrayList<>();
        for (Exercise<?, ?> ex : Exercises.all()) {
            double sum = 0;
            double max = 0;
            int n = 0;
            Map<String, Integer> bins = percentBins();
            for (ResultFile.Read r : reads) {
                for (ExerciseResult e : r.report().exercises()) {
                    if (e.id().equals(ex.id())) {
                        n++;
                        sum += finite(e.score());
                        max = Math.max(max, e.maxScore());
                        double percent = e.maxScore() > 0 ? 100 * finite(e.score()) / e.maxScore() : 0;
                        int bin = Math.max(0, Math.min(9, (int) Math.floor(percent / 10)));
                        bins.merge(bin * 10 + "-" + (bin + 1) * 10, 1, Integer::sum);
                    }
                }
            }
            List<StatusCount> statuses = new ArrayList<>();
            summary.exerciseStatus().getOrDefault(ex.id(), Map.of()).forEach((status, count) -> {
                if (count > 0) {
                    statuses.add(new StatusCount(status, css(status), count));
                }
            });
            rows.add(new ExerciseRow(
                    ex.id(),
                    ex.title(),
                    Format.points(n == 0 ? 0 : sum / n),
                    Format.points(max),
                    Histogram.of(bins, 200, 40, 12),
                    statuses));
        }
        return rows;
    }

    private static Map<String, Integer> percentBins() {
        Map<String, Integer> bins = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            bins.put(i * 10 + "-" + (i + 1) * 10, 0);
        }
        return bins;
    }

    private static List<GradientRow> gradients(List<ResultFile.Read> reads, BatchSummary summary) {
        // per gradient: how many failed in total, the non-answer statuses, and the most frequent text per code
        Map<String, Integer> failing = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Map<String, Integer>> statuses = new HashMap<>();
        Map<String, Map<String, Map<String, Integer>>> texts = new HashMap<>();
        for (ResultFile.Read r : reads) {
            for (ExerciseResult e : r.report().exercises()) {
                for (GradientResult g : e.gradients()) {
                    String key = e.id() + "/" + g.name();
                    seen.merge(key, 1, Integer::sum);
                    if (g.status() != null && g.status().earnsPoints()) {
                        continue;
                    }
                    failing.merge(key, 1, Integer::sum);
                    if (g.hintCode() == null) {
                        statuses.computeIfAbsent(key, k -> new LinkedHashMap<>())
                                .merge(
                                        g.status()
                                                .name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', '-'),
                                        1,
                                        Integer::sum);
                    } else if (g.hint() != null) {
                        texts.computeIfAbsent(key, k -> new HashMap<>())
                                .computeIfAbsent(g.hintCode(), k -> new HashMap<>())
                                .merge(g.hint(), 1, Integer::sum);
                    }
                }
            }
        }
        Set<String> hardest = new LinkedHashSet<>(summary.hardest());
        List<GradientRow> rows = new ArrayList<>();
        summary.gradientPassRate().forEach((key, rate) -> {
            int slash = key.indexOf('/');
            int total = seen.getOrDefault(key, 0);
            int fails = failing.getOrDefault(key, 0);
            int passed = total - fails;
            List<Mistake> mistakes = new ArrayList<>();
            summary.hintCounts()
                    .getOrDefault(key, Map.of())
                    .forEach((code, count) -> mistakes.add(new Mistake(
                            code,
                            true,
                            count,
                            share(count, fails),
                            mostFrequent(texts.getOrDefault(key, Map.of()).get(code)))));
            statuses.getOrDefault(key, Map.of()).entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(s -> mistakes.add(
                            new Mistake(s.getKey(), false, s.getValue(), share(s.getValue(), fails), null)));
            int shown = Math.min(MISTAKES_SHOWN, mistakes.size());
            rows.add(new GradientRow(
                    key,
                    key.substring(0, slash),
                    key.substring(slash + 1),
                    rate,
                    Math.round(rate * 100) + "%",
                    passed,
                    total,
                    mistakes.subList(0, shown),
                    mistakes.subList(shown, mistakes.size()),
                    hardest.contains(key)));
        });
        return rows;
    }

    private static String share(int count, int of) {
        return of == 0 ? "" : Math.round(100.0 * count / of) + "%";
    }

    private static String mostFrequent(Map<String, Integer> counts) {
        if (counts == null) {
            return null;
        }
        // the most frequent; among equals the first in alphabetical order, so the page does not depend on hashing
        return counts.entrySet().stream()
                .min(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static Manifest manifest(List<ResultFile.Read> reads, BatchSummary summary) {
        Set<String> graders = new TreeSet<>();
        String from = null;
        String to = null;
        Object policy = null;
        Set<String> policies = new LinkedHashSet<>();
        for (ResultFile.Read r : reads) {
            GradeReport g = r.report();
            if (g.grader() != null) {
                graders.add("grader " + g.grader().version() + " on Java "
                        + g.grader().java());
            }
            if (g.gradedAt() != null) {
                from = from == null || g.gradedAt().compareTo(from) < 0 ? g.gradedAt() : from;
                to = to == null || g.gradedAt().compareTo(to) > 0 ? g.gradedAt() : to;
            }
            if (g.policy() != null) {
                String json = Json.PRETTY.toJson(g.policy());
                if (policies.add(json) && policy == null) {
                    policy = g.policy();
                }
            }
        }
        List<String> seeds = new ArrayList<>();
        String scoring = "";
        String shapes = "";
        if (policy instanceof Map<?, ?> m) {
            if (m.get("seeds") instanceof List<?> list) {
                for (Object s : list) {
                    seeds.add(s instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(s));
                }
            }
            scoring = String.valueOf(m.get("scoringMode"));
            shapes = String.valueOf(m.get("shapes"));
        }
        return new Manifest(
                summary.policyHash(),
                seeds,
                scoring,
                shapes,
                policy == null ? "(no policy recorded)" : Json.PRETTY.toJson(policy),
                new ArrayList<>(graders),
                from,
                to,
                policies.size());
    }

    private static List<String> warnings(List<ResultFile.Read> reads) {
        Set<String> warnings = new LinkedHashSet<>();
        reads.forEach(r -> warnings.addAll(r.report().warnings()));
        return new ArrayList<>(warnings);
    }

    static String css(String status) {
        return "st-" + status.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static double finite(double x) {
        return Double.isFinite(x) ? x : 0;
    }
}
