package org.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.BackendSelector;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.TrainingPass;
import org.nnj.core.registry.Registries;
import org.junit.jupiter.api.Test;

/**
 * The must-show of gradient averaging: on {@code local[2]}, with two partitions whose shares of 32 images
 * make each step's global batch of 64, five Adam steps of the MLP give the weights of single-node training
 * at batch 64 on the same 64 images per step.
 */
@SparkJdk
class GradientAveragingExactnessTest {
    static final int STEPS = 5;
    static final int SHARE = 32;
    static final long SEED = 7;

    @Test
    void fiveAdamStepsEqualSingleNodeTrainingAtTheGlobalBatch() throws Exception {
        InMemoryDataset data = TestSpark.fashion("train", 2 * STEPS * SHARE);
        int half = STEPS * SHARE;

        TrainingSettings settings = new TrainingSettings("adam", 1e-3, 1, 2 * SHARE, SyncMode.GRADIENT, 1, SEED,
                false, null);
        Sequential distributed = new DistributedTrainer(settings, List.of())
                .fit(TestSpark.frame(data, 2), new ModelSpec(ModelSpec.MLP), "features", "label");

        // Single node: step s trains on partition 0's rows [32s, 32s + 32) and partition 1's rows
        // [160 + 32s, 160 + 32s + 32), one batch of 64, loss = mean over the 64.
        Registries registries = Registries.fromServiceLoader();
        ComputeBackend backend = BackendSelector.select(registries.backends(), Config.of("threads", 1));
        Sequential single = new ModelSpec(ModelSpec.MLP).build(registries, SEED);
        Optimizer adam = registries.optimizer("adam", Config.of("lr", 1e-3));
        Loss loss = registries.loss("softmax_cross_entropy", Config.empty());
        TrainingPass pass = single.newTrainingPass(backend);
        float[] features = new float[2 * SHARE * 784];
        float[] targets = new float[2 * SHARE * 10];
        for (int s = 0; s < STEPS; s++) {
            java.util.Arrays.fill(targets, 0f);
            for (int r = 0; r < 2 * SHARE; r++) {
                int row = r < SHARE ? s * SHARE + r : half + s * SHARE + (r - SHARE);
                data.copyFeatures(row, features, r * 784);
                targets[r * 10 + data.label(row)] = 1f;
            }
            single.zeroGradients();
            Tensor out = pass.forward(Tensor.wrap(features, Shape.of(2 * SHARE, 784)), 0L);
            Tensor grad = Tensor.zeros(out.shape());
            loss.compute(backend, out, Tensor.wrap(targets, Shape.of(2 * SHARE, 10)), grad);
            pass.backward(grad);
            adam.step(backend, single.parameters());
        }

        List<Parameter> expected = single.parameters();
        List<Parameter> actual = distributed.parameters();
        assertEquals(expected.size(), actual.size());
        double worst = 0;
        double worstNorm = 0;
        double worstAbs = 0;
        for (int i = 0; i < expected.size(); i++) {
            float[] e = expected.get(i).value().toArray();
            float[] a = actual.get(i).value().toArray();
            float[] initial = new ModelSpec(ModelSpec.MLP).build(registries, SEED).parameters().get(i).value().toArray();
            double moved = 0;
            double diff2 = 0;
            double norm2 = 0;
            for (int j = 0; j < e.length; j++) {
                diff2 += (double) (a[j] - e[j]) * (a[j] - e[j]);
                norm2 += (double) e[j] * e[j];
                worstAbs = Math.max(worstAbs, Math.abs(a[j] - e[j]));
                double relative = Math.abs(a[j] - e[j]) / Math.max(Math.abs(e[j]), 1e-3);
                worst = Math.max(worst, relative);
                moved = Math.max(moved, Math.abs(e[j] - initial[j]));
            }
            worstNorm = Math.max(worstNorm, Math.sqrt(diff2 / norm2));
            // The comparison means something only if training moved the weights.
            assertTrue(moved > 1e-3, expected.get(i).name() + " did not move");
        }
        System.out.printf("gradient averaging vs single node after %d Adam steps: worst element relative %.3g,"
                + " worst tensor norm relative %.3g, worst absolute %.3g%n", STEPS, worst, worstNorm, worstAbs);
        // Relative to each weight tensor's norm. Element by element, the few weights whose gradients are
        // nearly zero differ more (worst above): Adam divides by sqrt(v), which magnifies the rounding of
        // a sum taken in another order; their absolute difference stays at the worst absolute above.
        assertTrue(worstNorm <= 1e-5, "worst relative error of a weight tensor " + worstNorm);
    }
}
