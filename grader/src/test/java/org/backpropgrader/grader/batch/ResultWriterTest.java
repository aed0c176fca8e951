package org.backpropgrader.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ResultWriterTest {

    @Test
    void writesRunOnAThreadOfTheirOwnInTheOrderGiven() throws Exception {
        List<String> done = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (ResultWriter writer = new ResultWriter("w-writer")) {
            for (String id : List.of("a", "b", "c")) {
                writer.write(() -> {
                    threads.add(Thread.currentThread().getName());
                    done.add(id);
                });
            }
            writer.finish();
        }
        assertEquals(List.of("a", "b", "c"), done);
        assertEquals(List.of("w-writer", "w-writer", "w-writer"), threads);
    }

    @Test
    void theWorkerGoesOnWhileAWriteIsInProgressButNeverMoreThanOneAhead() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondStarted = new AtomicBoolean();
        try (ResultWriter writer = new ResultWriter("w-writer")) {
            writer.write(() -> await(release));
            // the first write blocks; the worker is back at once
            Thread second = new Thread(() -> {
                try {
                    writer.write(() -> secondStarted.set(true));
                    writer.finish();
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            second.start();
            second.join(200);
            assertTrue(second.isAlive(), "the second write waits for the first");
            assertFalse(secondStarted.get());
            release.countDown();
            second.join(10_000);
            assertTrue(secondStarted.get());
        }
    }

    @Test
    void aFailedWriteIsThrownAtTheNextWriteAndTheNextDoesNotRun() throws Exception {
        IOException full = new IOException("No space left on device");
        AtomicBoolean laterRan = new AtomicBoolean();
        try (ResultWriter writer = new ResultWriter("w-writer")) {
            writer.write(() -> {
                throw full;
            });
            IOException thrown = assertThrows(IOException.class, () -> writer.write(() -> laterRan.set(true)));
            assertSame(full, thrown);
            writer.finish();
        }
        assertFalse(laterRan.get());
    }

    @Test
    void finishThrowsWhatTheLastWriteThrew() throws Exception {
        try (ResultWriter writer = new ResultWriter("w-writer")) {
            writer.write(() -> {
                throw new IOException("read-only file system");
            });
            IOException thrown = assertThrows(IOException.class, writer::finish);
            assertEquals("read-only file system", thrown.getMessage());
        }
    }

    @Test
    void closeWaitsForTheWriteInProgress() throws Exception {
        AtomicBoolean finished = new AtomicBoolean();
        ResultWriter writer = new ResultWriter("w-writer");
        writer.write(() -> {
            sleep(300);
            finished.set(true);
        });
        writer.close();
        assertTrue(finished.get(), "close returned before the write in progress ended");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
