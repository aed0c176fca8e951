package org.backpropgrader.grader.batch;

import java.io.PrintStream;
import java.util.Locale;
import org.backpropgrader.grader.report.Terminal;

/**
 * What a batch tells the person waiting for it, on standard error: on a terminal one line that rewrites itself
 * ({@code [=====>    ] 57/200  3 failed  12.4/s  ETA 0:12}), otherwise one plain line per finished submission
 * ({@code 57/200 alice 44/50 (1.2 s)}), which logs and CI read well. No colour, so {@code NO_COLOR} holds trivially.
 * Workers call {@link #finished} concurrently; implementations synchronise.
 */
public interface Progress {
    /**
     * Grading starts.
     *
     * @param total every submission of the batch
     * @param resumed those already done by an earlier run
     */
    void started(int total, int resumed);

    /**
     * One submission is done and its result is on disk.
     *
     * @param failure why it could not be graded at all, or null
     */
    void finished(String id, double score, double maxScore, String failure, double seconds);

    /** The batch is over; its summary is written. */
    void done(BatchSummary summary);

    /** Something the instructor should know before trusting the grades (a weak policy, two entries for one id). */
    default void warning(String message) {}

    /** Says nothing. */
    Progress SILENT = new Progress() {
        @Override
        public void started(int total, int resumed) {}

        @Override
        public void finished(String id, double score, double maxScore, String failure, double seconds) {}

        @Override
        public void done(BatchSummary summary) {}
    };

    /** A progress bar when {@code terminal}, else a line per submission, both on {@code err}. */
    static Progress to(PrintStream err, boolean terminal) {
        return terminal ? new Bar(err) : new Lines(err);
    }

    /** Whether standard error is a terminal a progress bar can rewrite: the JVM runs at one (both ends are). */
    static boolean terminal() {
        return Terminal.attached();
    }

    /** The counting both kinds of output share. */
    abstract class Counting implements Progress {
        final PrintStream err;
        int total;
        int done;
        int graded;
        int failed;
        long startNanos;

        Counting(PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void started(int total, int resumed) {
            this.total = total;
            this.done = resumed;
            this.startNanos = System.nanoTime();
            if (resumed > 0) {
                err.println("resuming: " + resumed + " of " + total + " submissions already graded");
            }
            shown();
        }

        @Override
        public synchronized void finished(String id, double score, double maxScore, String failure, double seconds) {
            done++;
            graded++;
            if (failure != null) {
                failed++;
            }
            shown(id, score, maxScore, failure, seconds);
        }

        @Override
        public synchronized void warning(String message) {
            err.println("warning: " + message);
        }

        void shown() {}

        abstract void shown(String id, double score, double maxScore, String failure, double seconds);

        double rate() {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            return elapsed > 0 ? graded / elapsed : 0;
        }

        @Override
        public synchronized void done(BatchSummary s) {
            err.printf(
                    Locale.ROOT,
                    "%d submissions: %d graded, %d resumed, %d failed; mean %s/%s; %.1f s, %.1f/s%n",
                    s.submissions(),
                    s.graded(),
                    s.resumed(),
                    s.failed(),
                    points(s.meanScore()),
                    points(s.maxScore()),
                    s.wallTimeSeconds(),
                    s.submissionsPerSecond());
        }
    }

    /** One line per submission. */
    final class Lines extends Counting {
        Lines(PrintStream err) {
            super(err);
        }

        @Override
        void shown(String id, double score, double maxScore, String failure, double seconds) {
            String verdict = failure == null
                    ? points(score) + "/" + points(maxScore)
                    : "ERROR " + points(score) + "/" + points(maxScore) + ": " + firstLine(failure);
            err.printf(Locale.ROOT, "%d/%d %s %s (%.1f s)%n", done, total, id, verdict, seconds);
        }
    }

    /** One line that rewrites itself. */
    final class Bar extends Counting {
        static final int WIDTH = 30;
        private int lastLength;

        Bar(PrintStream err) {
            super(err);
        }

        @Override
        void shown() {
            draw();
        }

        @Override
        void shown(String id, double score, double maxScore, String failure, double seconds) {
            draw();
        }

        @Override
        public synchronized void done(BatchSummary s) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            super.done(s);
        }

        private void draw() {
            int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
            StringBuilder bar = new StringBuilder("[");
            for (int i = 0; i < WIDTH; i++) {
                bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
            }
            bar.append("] ").append(done).append('/').append(total);
            if (failed > 0) {
                bar.append("  ").append(failed).append(" failed");
            }
            double rate = rate();
            bar.append(String.format(Locale.ROOT, "  %.1f/s", rate));
            if (rate > 0 && done < total) {
                long eta = Math.round((total - done) / rate);
                bar.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
            }
            String line = bar.toString();
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            err.flush();
            lastLength = line.length();
        }
    }

    /** {@code 44}, {@code 43.5}: points without noise. */
    static String points(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return String.valueOf((long) x);
        }
        return String.format(Locale.ROOT, "%.2f", x).replaceAll("0+$", "");
    }

    static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
