package org.backpropgrader.grader.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One batch worker's result files, written on a thread of their own while the worker grades its next submission.
 * Each result is forced to disk file by file ({@link BatchGrader#write}); on this machine's disk those waits were a
 * worker's idle time, in which its core had nothing else to do when the next submission was loaded already. Writes run
 * one at a time in the order given, and at most one is pending: {@link #write} first waits for the one before, so a
 * worker is never more than one submission ahead of its results, and a write that failed is thrown there, stopping the
 * worker as it did when it wrote itself. {@link #finish} waits for the last.
 */
final class ResultWriter implements AutoCloseable {
    /** A write of one submission's results. */
    interface Write {
        void run() throws IOException;
    }

    private final ExecutorService thread;
    private Future<?> pending;

    ResultWriter(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for the write before this one (throwing what it threw), then starts {@code write}. */
    void write(Write write) throws IOException, InterruptedException {
        finish();
        pending = thread.submit(() -> {
            write.run();
            return null;
        });
    }

    /** Waits for the last write started; throws what it threw. */
    void finish() throws IOException, InterruptedException {
        Future<?> last = pending;
        pending = null;
        if (last == null) {
            return;
        }
        try {
            last.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof UncheckedIOException io) {
                throw io;
            } else if (cause instanceof RuntimeException r) {
                throw r;
            } else if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Lets a write in progress end, waiting for it, and starts none: after a failure elsewhere the batch ends without
     * a writer still at work behind it. What that write threw is not thrown here ({@link #finish} does that).
     */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
