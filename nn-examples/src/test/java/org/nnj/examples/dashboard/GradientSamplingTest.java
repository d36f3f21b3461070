package org.nnj.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which steps' gradient norms the live dashboard records: 20 an epoch, evenly spread, the last step among them. */
class GradientSamplingTest {

    private static List<Integer> sampled(int stepsPerEpoch) {
        List<Integer> steps = new ArrayList<>();
        for (int s = 1; s <= stepsPerEpoch; s++) {
            if (LiveDashboard.isGradientSample(s, stepsPerEpoch)) {
                steps.add(s);
            }
        }
        return steps;
    }

    @Test
    void twentyAnEpochWhateverItsLengthEndingWithItsLastStep() {
        for (int steps : new int[] {20, 21, 39, 40, 85, 1000, 1017}) {
            List<Integer> sampled = sampled(steps);
            assertEquals(LiveDashboard.GRADIENT_SAMPLES, sampled.size(), steps + " steps: " + sampled);
            assertEquals(steps, sampled.get(sampled.size() - 1), steps + " steps: " + sampled);
            // The k-th sample ends the k-th twentieth: at step ceil(k * steps / 20).
            for (int k = 1; k <= 20; k++) {
                assertEquals((k * steps + 19) / 20, sampled.get(k - 1), steps + " steps, sample " + k);
            }
        }
    }

    @Test
    void everyStepOfAShortEpoch() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), sampled(7));
        assertEquals(List.of(1), sampled(1));
    }
}
