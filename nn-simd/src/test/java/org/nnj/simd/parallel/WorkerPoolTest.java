package org.nnj.simd.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void everyPartRunsExactlyOnceWhenPartsOutnumberThreads() {
        AtomicIntegerArray runs = new AtomicIntegerArray(97);
        WorkerPool.run(runs.length(), 2, runs::incrementAndGet);
        for (int part = 0; part < runs.length(); part++) {
            assertEquals(1, runs.get(part), "part " + part);
        }
    }

    @Test
    void oneThreadMeansTheCallerAloneInOrder() {
        Thread caller = Thread.currentThread();
        StringBuilder order = new StringBuilder();
        WorkerPool.run(5, 1, part -> {
            assertSame(caller, Thread.currentThread());
            order.append(part);
        });
        assertEquals("01234", order.toString());
    }

    @Test
    void noMoreThreadsThanAskedFor() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        for (int call = 0; call < 50; call++) {
            WorkerPool.run(64, 2, part -> {
                seen.add(Thread.currentThread());
                busy();
            });
        }
        // The caller and at most one worker, however many workers the machine has.
        assertTrue(seen.size() <= 2, "threads used: " + seen);
        assertTrue(seen.contains(Thread.currentThread()), "the caller works too");
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersFinish() {
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
                WorkerPool.run(40, 2, part -> {
                    if (part == 3) {
                        throw new IllegalStateException("part 3");
                    }
                    busy();
                    finished.incrementAndGet();
                }));
        assertEquals("part 3", thrown.getMessage());
        assertEquals(39, finished.get(), "every other part ran to the end before run returned");
    }

    @Test
    void aPartMayRunKernelsOfItsOwn() {
        AtomicInteger inner = new AtomicInteger();
        WorkerPool.run(4, 2, outer -> WorkerPool.run(8, 2, part -> inner.incrementAndGet()));
        assertEquals(32, inner.get());
    }

    /** About a microsecond of work, so that parts overlap in time. */
    private static void busy() {
        double x = 1;
        for (int i = 0; i < 1000; i++) {
            x = Math.sqrt(x + i);
        }
        if (x < 0) {
            throw new AssertionError(x);
        }
    }
}
