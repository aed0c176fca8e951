package org.backpropgrader.grader.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.files.AtomicFiles;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.grading.GradingRun;
import org.backpropgrader.grader.grading.Scoring;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.model.ExerciseResult;
import org.backpropgrader.grader.model.GradientResult;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.policy.Policy;
import org.backpropgrader.grader.policy.PolicyCheck;
import org.backpropgrader.grader.report.CsvGradebook;
import org.backpropgrader.grader.report.GradeReport;
import org.backpropgrader.grader.report.GradescopeResults;
import org.backpropgrader.grader.report.LtiScore;
import org.backpropgrader.grader.roster.Roster;
import org.backpropgrader.grader.roster.Student;

/**
 * Grades every submission in a directory, in parallel, so that an interrupted batch loses at most the submissions in
 * flight and a resumed one grades nothing twice.
 *
 * <h2>Input</h2>
 * Each entry of the submissions directory is one submission, named by a student id: the entry's name without
 * {@code .zip} or {@code .jar} ({@code alice/}, {@code bob.zip}, {@code carol.jar}). Hidden entries (a leading dot)
 * are skipped, and so is the output directory if it lies inside. An entry that cannot be loaded at all (a corrupt
 * zip, an unsupported file) and a submission whose grading fails inside the grader both become a result like any
 * other: every exercise {@code ERROR} with the reason, score 0. One bad submission never aborts the batch.
 *
 * <h2>Output ({@code OUT}, laid out by {@link BatchLayout})</h2>
 * Per submission a native result (with a "batch" block: submissionHash, policyHash, entry, failure), a Gradescope
 * result and, with a roster, an LTI Score whose userId is the roster's; for the class a {@link CsvGradebook} (every
 * submission and every roster student, sorted by submission) and a {@link BatchSummary} (counts, histogram, pass rate
 * per gradient, timing, roster check). Every file is written with {@link AtomicFiles#write} (temporary file, then
 * rename). A submission's native and Gradescope results are written the moment it is graded, the native one
 * <em>last</em>: it is the commit marker. The LTI Scores, gradebook and summary are written at the end, from the
 * native results on disk and the roster as it is now, so submissions kept by {@code --resume} count and a corrected
 * roster takes effect without regrading.
 *
 * <h2>Roster</h2>
 * An LTI Score needs the student's LMS user id, which only a {@link Roster} knows: without one the batch writes no
 * {@code lti/} (and says so once). With one, a submission not on it and a roster student without a submission are
 * both reported (warnings and {@link BatchSummary#roster()}); the latter gets a row with 0 in the gradebook.
 *
 * <h2>Resume</h2>
 * The submission hash ({@link ContentHash#submission}) and the policy hash ({@link ContentHash#policy}) are stamped
 * into each native result. With {@code resume}, a submission whose native result exists, parses and carries both
 * same hashes is skipped; anything else (missing, torn, another content or policy) is graded again. Without it, an
 * output directory that already holds results is refused, never overwritten. Temporary files left by a killed run
 * are removed when the next run starts.
 *
 * <h2>Workers</h2>
 * A fixed pool of {@code jobs} threads, each with its own {@link SubmissionGrader} (its own compiler: compilations
 * within one grader serialise) and its own scratch directory, takes the next submission in name order until none is
 * left; it loads its next submission while grading one ({@link LoadAhead}) and writes a graded one's results while
 * grading the next ({@link ResultWriter}). The policy check runs once per batch; its warnings go into every report.
 * How a submission's code runs is the {@link SubmissionGrader.RunnerFactory} given to the constructor (in-process, or
 * a child JVM per submission).
 */
public final class BatchGrader {
    private final SubmissionGrader.RunnerFactory runners;
    private final List<String> isolationWarnings;
    private final Progress progress;
    private final List<Exercise<?, ?>> exercises = Exercises.all();
    /** The answer keys, computed once per exercise and seed for the policy check and every worker. */
    private final TruthCache truths = new TruthCache();
    /** The results the last run read back at its end, by student id. */
    private volatile Map<String, ResultFile.Read> readBack = Map.of();

    /**
     * What to grade and where the results go.
     *
     * @param submissions the directory whose entries are the submissions
     * @param out the output directory (created if need be)
     * @param jobs how many submissions are graded at once, at least 1
     * @param resume keep results that still stand instead of refusing an output directory that has results
     * @param policy the policy as applied (file and command-line overrides)
     * @param roster who each submission belongs to in the LMS, or null
     * @param gradebook the gradebook's layout
     */
    public record Request(
            Path submissions,
            Path out,
            int jobs,
            boolean resume,
            Policy policy,
            Roster roster,
            CsvGradebook.Options gradebook) {
        public Request {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
            }
            gradebook = gradebook == null ? CsvGradebook.Options.canvas() : gradebook;
        }

        /** Without a roster, a Canvas gradebook. */
        public Request(Path submissions, Path out, int jobs, boolean resume, Policy policy) {
            this(submissions, out, jobs, resume, policy, null, null);
        }
    }

    public BatchGrader(SubmissionGrader.RunnerFactory runners, Progress progress) {
        this(runners, List.of(), progress);
    }

    /**
     * @param isolationWarnings what every report must say about how the code ran ({@code Sandbox#warnings}: that it
     *     ran unsandboxed, or which limits did not hold)
     */
    public BatchGrader(SubmissionGrader.RunnerFactory runners, List<String> isolationWarnings, Progress progress) {
        this.runners = runners;
        this.isolationWarnings = List.copyOf(isolationWarnings);
        this.progress = progress;
    }

    /** Grades the batch and writes every output; returns the summary it wrote. */
    public BatchSummary run(Request request) throws BatchException {
        long startNanos = System.nanoTime();
        Path dir = request.submissions();
        Path out = request.out();
        BatchLayout layout = new BatchLayout(out, BatchScratch.choose(out, dir));
        if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
            throw new BatchException(
                    BatchException.Kind.UNREADABLE_SUBMISSIONS,
                    "the submissions directory " + dir + " "
                            + (Files.exists(dir) ? "is not a readable directory" : "does not exist"),
                    null);
        }
        if (!request.resume() && hasResults(layout)) {
            throw new BatchException(
                    BatchException.Kind.EXISTING_RESULTS,
                    out + " already has results in "
                            + layout.resultsDir() + ": add --resume to keep those that still stand and grade the rest,"
                            + " or choose another --out",
                    null);
        }
        try {
            Files.createDirectories(layout.resultsDir());
            Files.createDirectories(layout.gradescopeDir());
            if (request.roster() != null) {
                Files.createDirectories(layout.ltiDir());
            }
            removeLeftovers(layout);
        } catch (IOException | UncheckedIOException e) {
            throw new BatchException(BatchException.Kind.OUTPUT, "cannot prepare " + out + ": " + e.getMessage(), e);
        }

        try {
            return gradeAndReport(request, layout, startNanos);
        } catch (Throwable e) {
            // A batch that stops leaves no scratch behind (in memory, it would stay until a rerun on the same OUT).
            Directories.deleteQuietly(layout.workDir());
            throw e;
        }
    }

    /** {@link #run} once the output directory is prepared: stages, grades, writes the class outputs. */
    private BatchSummary gradeAndReport(Request request, BatchLayout layout, long startNanos) throws BatchException {
        Path dir = request.submissions();
        Path out = request.out();
        List<String> warnings = new ArrayList<>();
        List<Entries.Entry> entries;
        try {
            entries = Entries.list(dir, out, warnings);
        } catch (IOException | UncheckedIOException e) {
            throw new BatchException(
                    BatchException.Kind.UNREADABLE_SUBMISSIONS, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        Reconciliation roster = Reconciliation.of(request.roster(), entries);
        warnings.addAll(roster.warnings());
        warnings.forEach(progress::warning);
        // The policy's checks (its truths and classic mistakes computed) run while the submissions are staged.
        CompletableFuture<List<String>> policyChecks =
                CompletableFuture.supplyAsync(() -> PolicyCheck.warnings(request.policy(), truths::get), task -> {
                    Thread t = new Thread(task, "policy-checks");
                    t.setDaemon(true);
                    t.start();
                });
        String policyHash = ContentHash.policy(request.policy());

        // What still stands from an earlier run, and what to grade: a copy of each, made before any child starts.
        Staging staging;
        try {
            staging = new Staging(layout.stagingDir());
        } catch (IOException | UncheckedIOException e) {
            throw new BatchException(BatchException.Kind.OUTPUT, "cannot prepare " + out + ": " + e.getMessage(), e);
        }
        // Each entry on its own (copies and hashes are files' work, independent of each other), in parallel.
        List<Job> jobs = entries.parallelStream()
                .filter(e -> !(request.resume() && stillStands(layout, e, policyHash)))
                .map(e -> stage(staging, e, policyHash))
                .toList();
        int resumed = entries.size() - jobs.size();
        List<String> policyWarnings = new ArrayList<>(joined(policyChecks));
        policyWarnings.addAll(isolationWarnings);
        policyWarnings.forEach(progress::warning);

        progress.started(entries.size(), resumed);
        gradeAll(jobs, request, policyWarnings, layout);
        // The scratch (every staged copy, the workers' classes) goes while the results are read back and the class
        // files are written: deleting thousands of files is the kernel's and the disk's work, beside that.
        CompletableFuture<Void> scratchDeleted =
                CompletableFuture.runAsync(() -> Directories.deleteQuietly(layout.workDir()), task -> {
                    Thread t = new Thread(task, "scratch-delete");
                    t.setDaemon(true);
                    t.start();
                });

        // The summary and the gradebook are made from the results as written, read back in parallel.
        List<ResultFile.Read> reads = entries.parallelStream()
                .map(e -> ResultFile.read(layout.result(e.id()))
                        .orElseThrow(() -> new IllegalStateException(
                                "the result of " + e.id() + " is missing or unreadable after grading")))
                .toList();
        Map<String, GradeReport> reports = new LinkedHashMap<>();
        Map<String, ResultFile.Read> readByStudent = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            reports.put(entries.get(i).id(), reads.get(i).report());
            readByStudent.put(entries.get(i).id(), reads.get(i));
        }
        readBack = Collections.unmodifiableMap(readByStudent);
        double wall = (System.nanoTime() - startNanos) / 1e9;
        BatchSummary summary = BatchSummary.of(
                        reads,
                        jobs.size(),
                        resumed,
                        wall,
                        request.policy().maxScore(),
                        policyHash,
                        request.policy().select(exercises))
                .withRoster(roster.summary());
        try {
            writeLtiScores(layout, reports, request.roster());
            AtomicFiles.write(
                    layout.gradebook(),
                    CsvGradebook.write(roster.rows(reports), request.gradebook())
                            .getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(layout.summary(), summary.toJson().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw new BatchException(
                    BatchException.Kind.OUTPUT,
                    "cannot write the LTI Scores, gradebook or summary in " + out + ": " + e.getMessage(),
                    e);
        }
        scratchDeleted.join();
        progress.done(summary);
        return summary;
    }

    /**
     * Every result the last {@link #run} read back from disk at its end (for its summary and gradebook), by student
     * id, as it read them; empty before a run. The class report takes them rather than parse the files again.
     */
    public Map<String, ResultFile.Read> readBack() {
        return readBack;
    }

    /**
     * Whether the result of {@code e} from an earlier run can be kept: it parses, carries this submission's and this
     * policy's hashes, and its files still hash to the seal the grader wrote ({@link ResultSeal}).
     */
    private static boolean stillStands(BatchLayout layout, Entries.Entry e, String policyHash) {
        String hash;
        try {
            hash = ContentHash.submission(e.path());
        } catch (IOException | UncheckedIOException ex) {
            return false;
        }
        Optional<ResultFile.Read> old = ResultFile.read(layout.result(e.id()));
        return old.isPresent()
                && old.get().stamp().sameInputs(hash, policyHash)
                && ResultSeal.holds(layout.seal(e.id()), layout.gradedFiles(e.id()));
    }

    /** What {@code future} computed; what it threw, thrown here as it was. */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }

    /** {@code e} staged and stamped; if it cannot be copied, a job whose stamp says why. */
    private static Job stage(Staging staging, Entries.Entry e, String policyHash) {
        try {
            Entries.Entry staged = staging.stage(e);
            String hash = ContentHash.submission(staged.path());
            return new Job(staged, new BatchStamp(hash, policyHash, e.fileName(), null));
        } catch (IOException | UncheckedIOException ex) {
            String failure = "cannot copy " + e.fileName() + " for grading: " + ex.getMessage();
            // "unreadable": a later run tries again
            return new Job(e, new BatchStamp("unreadable", policyHash, e.fileName(), failure));
        }
    }

    /** A submission to grade, from its staged copy; a stamp whose failure is set says why it cannot be. */
    record Job(Entries.Entry entry, BatchStamp stamp) {}

    private void gradeAll(List<Job> jobs, Request request, List<String> warnings, BatchLayout layout)
            throws BatchException {
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        int workers = Math.min(request.jobs(), jobs.size());
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Path scratch = layout.workerDir(w);
            Thread t = new Thread(
                    () -> {
                        try {
                            work(jobs, next, stop, request.policy(), warnings, layout, scratch);
                        } catch (Throwable e) {
                            fatal.compareAndSet(null, e);
                            stop.set(true);
                        }
                    },
                    "batch-worker-" + w);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
                throw new BatchException(BatchException.Kind.OUTPUT, "interrupted", e);
            }
        }
        Throwable f = fatal.get();
        if (f instanceof IOException || f instanceof UncheckedIOException) {
            throw new BatchException(
                    BatchException.Kind.OUTPUT, "cannot write results in " + layout.out() + ": " + f.getMessage(), f);
        } else if (f instanceof RuntimeException r) {
            throw r;
        } else if (f instanceof Error err) {
            throw err;
        } else if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    /**
     * One worker: grade the next submission until none is left, each loaded while the one before is graded
     * ({@link LoadAhead}) and its results written while the one after is ({@link ResultWriter}); a failure to write
     * results stops the batch.
     */
    private void work(
            List<Job> jobs,
            AtomicInteger next,
            AtomicBoolean stop,
            Policy policy,
            List<String> warnings,
            BatchLayout layout,
            Path scratch)
            throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        SubmissionGrader grader = new SubmissionGrader(truths);
        try (LoadAhead ahead = new LoadAhead(
                        jobs,
                        next,
                        stop,
                        policy,
                        truths,
                        scratch,
                        Thread.currentThread().getName() + "-loader");
                ResultWriter writer = new ResultWriter(Thread.currentThread().getName() + "-writer")) {
            for (LoadAhead.Loaded loaded; !stop.get() && (loaded = ahead.next()) != null; ) {
                Job job = loaded.job();
                Entries.Entry e = job.entry();
                long t0 = System.nanoTime() - loaded.loadNanos();
                Instant start = Instant.now().minusNanos(loaded.loadNanos());
                GradeReport report = null;
                String failure = loaded.failure();
                if (failure == null) {
                    try {
                        report = grader.grade(
                                loaded.submission(),
                                e.id(),
                                policy,
                                policy.select(exercises),
                                warnings,
                                runners,
                                GradingRun.Selection.ALL,
                                GradingRun.Listener.NONE,
                                start);
                    } catch (IOException ex) {
                        failure = "cannot grade " + e.fileName() + ": " + ex;
                    } catch (Throwable ex) {
                        // Even a StackOverflowError or OutOfMemoryError from student code running in-process costs
                        // that submission only: the batch goes on.
                        failure = "internal error: " + ex;
                        // The grader may be in any state after a bug: the next submission gets a fresh one.
                        closeQuietly(grader);
                        grader = new SubmissionGrader(truths);
                    }
                }
                if (report == null) {
                    failure = failure != null ? failure : "internal error: the grader returned no report";
                    report = GradeReport.of(
                            e.id(),
                            policy,
                            warnings,
                            failedExercises(policy, failure),
                            start,
                            Duration.between(start, Instant.now()));
                }
                GradeReport graded = report;
                BatchStamp stamp = new BatchStamp(
                        job.stamp().submissionHash(),
                        job.stamp().policyHash(),
                        job.stamp().entry(),
                        failure);
                writer.write(() -> {
                    write(layout, e.id(), graded, stamp);
                    progress.finished(
                            e.id(), graded.score(), graded.maxScore(), stamp.failure(), (System.nanoTime() - t0) / 1e9);
                });
            }
            writer.finish();
        } finally {
            closeQuietly(grader);
        }
    }

    /**
     * The results of one submission as soon as it is graded: first their seal, then the Gradescope result, then the
     * native one, the commit marker. Sealed first, a result is never committed without its seal: a kill between the
     * native result and a seal written after it left a finished submission that {@code --resume} graded again.
     */
    static void write(BatchLayout layout, String id, GradeReport report, BatchStamp stamp) throws IOException {
        byte[] gradescope = (GradescopeResults.of(report).toJson() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] result = ResultFile.toJson(report, stamp).getBytes(StandardCharsets.UTF_8);
        Map<Path, byte[]> contents = Map.of(layout.result(id), result, layout.gradescope(id), gradescope);
        List<Path> files = layout.gradedFiles(id);
        ResultSeal.seal(
                layout.seal(id), files, files.stream().map(contents::get).toList());
        AtomicFiles.write(layout.gradescope(id), gradescope);
        AtomicFiles.write(layout.result(id), result);
    }

    /**
     * One LTI Score per graded submission on the roster, its {@code userId} the roster's; a Score an earlier run left
     * for a submission no longer on the roster is removed, so {@code lti/} always matches the roster. Without a roster
     * there is no {@code lti/}.
     */
    private static void writeLtiScores(BatchLayout layout, Map<String, GradeReport> reports, Roster roster)
            throws IOException {
        Path dir = layout.ltiDir();
        Set<Path> written = new HashSet<>();
        if (roster != null) {
            Files.createDirectories(dir);
            for (Map.Entry<String, GradeReport> e : reports.entrySet()) {
                Optional<Student> student = roster.student(e.getKey());
                if (student.isPresent()) {
                    Path file = layout.lti(e.getKey());
                    AtomicFiles.write(
                            file,
                            (LtiScore.of(e.getValue(), student.get().userId()).toJson() + "\n")
                                    .getBytes(StandardCharsets.UTF_8));
                    written.add(file);
                }
            }
        }
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
                for (Path p : s) {
                    if (!written.contains(p)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            if (roster == null) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                    if (!s.iterator().hasNext()) {
                        Files.delete(dir);
                    }
                }
            }
        }
    }

    /** Every exercise ERROR with {@code reason}, every gradient unrun: what an ungradable submission earns. */
    List<ExerciseResult> failedExercises(Policy policy, String reason) {
        List<ExerciseResult> results = new ArrayList<>();
        for (Exercise<?, ?> e : policy.select(exercises)) {
            List<GradientResult> grads = new ArrayList<>();
            for (Gradient<?, ?> g : e.gradients()) {
                grads.add(Scoring.unrun(
                        g.name(), policy.pointsFor(e, g), policy.seeds(), policy.scoringMode(), Status.ERROR, reason));
            }
            results.add(Scoring.unrunnable(e.id(), e.title(), policy.weightFor(e), Status.ERROR, reason, grads));
        }
        return results;
    }

    private static boolean hasResults(BatchLayout layout) {
        Path results = layout.resultsDir();
        if (!Files.isDirectory(results)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(results, "*.json")) {
            return s.iterator().hasNext();
        } catch (IOException e) {
            return true; // cannot tell: refuse rather than risk overwriting
        }
    }

    /**
     * Temporary files of a run that was killed mid-write ({@link AtomicFiles}: {@code .<name>…tmp}), old scratch
     * wherever a run on this output directory kept it.
     */
    private static void removeLeftovers(BatchLayout layout) throws IOException {
        for (Path d : layout.writtenDirs()) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, ".*.tmp")) {
                for (Path p : s) {
                    if (Files.isRegularFile(p)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        BatchScratch.everyPlace(layout.out()).forEach(Directories::deleteQuietly); // this run's place among them
    }

    /** Closes a grader whose compiler holds open jars; nothing to save if that fails. */
    static void closeQuietly(SubmissionGrader grader) {
        try {
            grader.close();
        } catch (IOException | RuntimeException e) {
            // It held a compiler's open jars; nothing to save.
        }
    }
}
