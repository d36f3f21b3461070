package org.nnj.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** {@code startup_seconds}: taken at the end of the first step, once, and absent when unknown. */
class StartupClockTest {

    @Test
    void theFirstStepSetsTheTimeAndLaterStepsKeepIt() {
        StartupClock clock = new StartupClock(OptionalDouble.of(3));
        assertEquals(Optional.empty(), clock.seconds());

        clock.onBatchEnd(1, 1, 10, 2.3);
        double first = clock.seconds().orElseThrow();
        assertTrue(first >= 3 && first < 60, "seconds " + first);

        clock.onBatchEnd(1, 2, 10, 2.2);
        assertEquals(first, clock.seconds().orElseThrow());
    }

    @Test
    void withoutAKnownProcessStartThereIsNoFigure() {
        StartupClock clock = new StartupClock(OptionalDouble.empty());
        clock.onBatchEnd(1, 1, 10, 2.3);
        assertEquals(Optional.empty(), clock.seconds());
        assertEquals(Optional.empty(), clock.cpuSeconds());
    }

    @Test
    void thisProcessHasAStartBeforeNow() {
        StartupClock clock = new StartupClock();
        clock.onBatchEnd(1, 1, 1, 0);
        assertTrue(clock.seconds().orElseThrow() > 0);
        assertTrue(clock.cpuSeconds().orElseThrow() > 0);
    }
}
