package org.backpropgrader.grader.run;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.model.Status;
import org.backpropgrader.grader.truth.Truth;
import org.backpropgrader.reference.Tensor;

/**
 * Runs the student's classes in the grader's own JVM: the self-check path, where the student runs their own code
 * on their own machine and wants the answer in about a second. The forward values are the truth's own (tensors
 * are immutable, so sharing them is safe). A method that overruns its time limit is reported as
 * {@link Status#TIMEOUT} and its thread abandoned (a daemon, so it cannot keep the JVM alive).
 */
public final class InProcessRunner implements SubmissionRunner {
    private final ClassLoader loader;
    private final Duration methodTimeout;

    public InProcessRunner(ClassLoader loader, Duration methodTimeout) {
        this.loader = loader;
        this.methodTimeout = methodTimeout;
    }

    @Override
    public ExerciseSession open(Truth truth, String implementationClass) throws RunnerException {
        Object instance;
        try {
            Class<?> cls = Class.forName(implementationClass, true, loader);
            Constructor<?> constructor = cls.getDeclaredConstructor();
            constructor.setAccessible(true);
            instance = constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new RunnerException(
                    Status.ERROR,
                    "constructing " + implementationClass + " " + Failures.describe(e.getCause()),
                    e.getCause());
        } catch (NoSuchMethodException e) {
            throw new RunnerException(Status.ERROR, implementationClass + " needs a constructor without parameters", e);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new RunnerException(Status.ERROR, "cannot load " + implementationClass + ": " + e, e);
        }
        return new Session(instance, truth.forward());
    }

    @Override
    public void close() {
        // Nothing to release: sessions own their threads.
    }

    private final class Session implements ExerciseSession {
        private final Object instance;
        private final Record forward;
        private ExecutorService worker = newWorker();

        Session(Object instance, Record forward) {
            this.instance = instance;
            this.forward = forward;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Answer call(Gradient<?, ?> gradient, Tensor[] upstream) {
            Gradient.Step step = gradient.step();
            Future<Tensor> result = worker.submit(() -> step.apply(instance, forward, upstream.clone()));
            try {
                Tensor value = result.get(methodTimeout.toMillis(), TimeUnit.MILLISECONDS);
                return value == null ? new Answer.Failed(Status.ERROR, "returned null") : new Answer.Returned(value);
            } catch (ExecutionException e) {
                return Failures.of(e.getCause());
            } catch (TimeoutException e) {
                result.cancel(true);
                worker.shutdownNow();
                worker = newWorker(); // the stuck thread is abandoned; later calls get a fresh one
                return new Answer.Failed(Status.TIMEOUT, "did not return within " + methodTimeout.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer.Failed(Status.ERROR, "interrupted while waiting for the method");
            }
        }

        @Override
        public void close() {
            worker.shutdownNow();
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "student-code");
            t.setDaemon(true);
            return t;
        });
    }
}
