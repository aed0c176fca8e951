package org.backpropgrader.grader.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.backpropgrader.grader.grading.SubmissionGrader;
import org.backpropgrader.grader.grading.TruthCache;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.backpropgrader.grader.load.SubmissionException;
import org.backpropgrader.grader.policy.Policy;

/**
 * One batch worker's submissions, each loaded (extracted, compiled, checked against the API allowlist) on a thread of
 * its own while the worker grades the one before. A worker spends much of a submission waiting for its child JVM to
 * start and answer; the next submission's compilation fills that wait instead of following it. Two scratch
 * directories take turns: the one of the submission being graded (whose classes a restarted child copies again) and
 * the one the next is loaded into.
 */
final class LoadAhead implements AutoCloseable {
    /**
     * A submission loaded, or why it could not be ({@code failure}, then {@code submission} is null), and how long the
     * loading took.
     */
    record Loaded(BatchGrader.Job job, LoadedSubmission submission, String failure, long loadNanos) {}

    private final List<BatchGrader.Job> jobs;
    private final AtomicInteger next;
    private final AtomicBoolean stop;
    private final Policy policy;
    private final TruthCache truths;
    private final Path[] slots;
    private final ExecutorService thread;
    /** Used on the loading thread only. */
    private SubmissionGrader loader;

    private Future<Loaded> pending;
    private int slot;

    /**
     * Starts loading the first job this worker claims from {@code jobs} ({@code next} is every worker's claim
     * counter; nothing more is claimed once {@code stop} is set), in scratch directories below {@code scratch}.
     */
    LoadAhead(
            List<BatchGrader.Job> jobs,
            AtomicInteger next,
            AtomicBoolean stop,
            Policy policy,
            TruthCache truths,
            Path scratch,
            String threadName)
            throws IOException {
        this.jobs = jobs;
        this.next = next;
        this.stop = stop;
        this.policy = policy;
        this.truths = truths;
        this.slots =
                new Path[] {Files.createDirectories(scratch.resolve("a")), Files.createDirectories(scratch.resolve("b"))
                };
        this.loader = new SubmissionGrader(truths);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.pending = claimAndLoad();
    }

    /**
     * The next submission of this worker, loaded (waiting for it if need be), or null when none is left; the one
     * after it starts loading now, so call this only when done with the previous one.
     */
    Loaded next() throws InterruptedException {
        if (pending == null) {
            return null;
        }
        Loaded loaded;
        try {
            loaded = pending.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading a submission failed outside the loader", e.getCause());
        }
        pending = claimAndLoad();
        return loaded;
    }

    private Future<Loaded> claimAndLoad() {
        int i;
        if (stop.get() || (i = next.getAndIncrement()) >= jobs.size()) {
            return null;
        }
        BatchGrader.Job job = jobs.get(i);
        Path dir = slots[slot];
        slot ^= 1;
        return thread.submit(() -> load(job, dir));
    }

    private Loaded load(BatchGrader.Job job, Path dir) {
        long t0 = System.nanoTime();
        if (job.stamp().failure() != null) {
            return new Loaded(job, null, job.stamp().failure(), 0);
        }
        try {
            LoadedSubmission loaded = loader.load(job.entry().path(), dir, policy);
            return new Loaded(job, loaded, null, System.nanoTime() - t0);
        } catch (SubmissionException e) {
            return new Loaded(job, null, e.getMessage(), System.nanoTime() - t0);
        } catch (Throwable e) {
            // Even a StackOverflowError or OutOfMemoryError in javac costs that submission only; the loader may be in
            // any state after it, so the next submission gets a fresh one.
            BatchGrader.closeQuietly(loader);
            loader = new SubmissionGrader(truths);
            return new Loaded(job, null, "internal error: " + e, System.nanoTime() - t0);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                return; // a compilation that does not end: leave its loader to the JVM's exit
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        BatchGrader.closeQuietly(loader);
    }
}
