package org.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.NnException;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.fixtures.ArrayDataset;
import org.nnj.fixtures.TestLinear;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.fixtures.TestSgd;
import org.nnj.core.model.Sequential;

class GradientClippingTest {
    private final ScalarBackend backend = new ScalarBackend();

    /** Gradients [3, -4] and [12]: norms 5 and 12, global norm 13. */
    private static List<Parameter> gradients() {
        Parameter a = new Parameter("a", Tensor.zeros(2));
        a.gradient().setFlat(0, 3f);
        a.gradient().setFlat(1, -4f);
        Parameter b = new Parameter("b", Tensor.zeros(1));
        b.gradient().setFlat(0, 12f);
        return List.of(a, b);
    }

    @Test
    void byGlobalNormRescalesEverythingTogether() {
        List<Parameter> params = gradients();
        double norm = GradientClipping.byGlobalNorm(6.5).apply(backend, params);
        assertEquals(13.0, norm, 1e-12);
        // coefficient 6.5 / (13 + 1e-6): half, up to 1e-6 / 13.
        double c = 6.5 / (13 + 1e-6);
        assertEquals(3 * c, params.get(0).gradient().getFlat(0), 1e-6);
        assertEquals(-4 * c, params.get(0).gradient().getFlat(1), 1e-6);
        assertEquals(12 * c, params.get(1).gradient().getFlat(0), 1e-6);
        assertEquals(6.5, GradientClipping.globalNorm(backend, params), 1e-5);
    }

    @Test
    void byGlobalNormLeavesSmallGradientsAlone() {
        List<Parameter> params = gradients();
        assertEquals(13.0, GradientClipping.byGlobalNorm(20).apply(backend, params), 1e-12);
        assertArrayEquals(new float[] {3f, -4f}, params.get(0).gradient().toArray());
        assertArrayEquals(new float[] {12f}, params.get(1).gradient().toArray());
    }

    @Test
    void byValueClampsEachElement() {
        List<Parameter> params = gradients();
        assertEquals(13.0, GradientClipping.byValue(3.5).apply(backend, params), 1e-12);
        assertArrayEquals(new float[] {3f, -3.5f}, params.get(0).gradient().toArray());
        assertArrayEquals(new float[] {3.5f}, params.get(1).gradient().toArray());
    }

    @Test
    void aNonFiniteNormIsReportedAndNothingChanges() {
        List<Parameter> params = gradients();
        params.get(1).gradient().setFlat(0, Float.POSITIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, GradientClipping.byGlobalNorm(1).apply(backend, params));
        assertArrayEquals(new float[] {3f, -4f}, params.get(0).gradient().toArray());
    }

    @Test
    void limitsAreChecked() {
        ConfigException e = assertThrows(ConfigException.class, () -> GradientClipping.byGlobalNorm(0));
        assertEquals("gradient clipping: 'maxNorm' must be positive and finite, got 0.0", e.getMessage());
        assertThrows(ConfigException.class, () -> GradientClipping.byValue(Double.NaN));
        assertEquals("clip by value 0.5", GradientClipping.byValue(0.5).toString());
    }

    @Test
    void theTrainerClipsBetweenBackwardAndStep() {
        // One weight, one example x = 1, target 100 from w = 0: the raw MSE gradient is large; clipped to a
        // norm of 0.5 (the bias gradient shares it), each SGD step with lr 1 moves the weight by at most 0.5.
        Sequential model = Sequential.builder(Shape.of(1)).add(new TestLinear(1, 1, 3)).build();
        model.parameters().forEach(p -> p.value().fill(0f));
        ArrayDataset data = new ArrayDataset(new float[] {1f},
                Shape.of(1), new float[] {100f}, Shape.of(1));
        Trainer trainer = Trainer.builder().model(model).loss(new TestMse()).optimizer(new TestSgd(1.0))
                .backend(backend).batchSize(1).epochs(3).shuffle(false)
                .gradientClipping(GradientClipping.byGlobalNorm(0.5)).build();
        trainer.fit(data);
        float w = model.parameters().get(0).value().getFlat(0);
        float b = model.parameters().get(1).value().getFlat(0);
        // Both gradients are equal (x = 1), so each gets 0.5 / sqrt(2) per step: 3 steps.
        assertEquals(3 * 0.5 / Math.sqrt(2), w, 1e-5);
        assertEquals(3 * 0.5 / Math.sqrt(2), b, 1e-5);
    }

    @Test
    void aNonFiniteGradientEndsTheRunWithItsEpochAndStep() {
        Sequential model = Sequential.builder(Shape.of(1)).add(new TestLinear(1, 1, 3)).build();
        // x = 3e38 with a zero weight: the loss (w x + b - y)^2 / 2 is finite, its weight gradient is not.
        ArrayDataset data = new ArrayDataset(new float[] {3e38f},
                Shape.of(1), new float[] {1f}, Shape.of(1));
        model.parameters().forEach(p -> p.value().fill(0f));
        Trainer trainer = Trainer.builder().model(model).loss(new TestMse()).optimizer(new TestSgd(0.1))
                .backend(backend).batchSize(1).gradientClipping(GradientClipping.byValue(1)).build();
        NnException e = assertThrows(NnException.class, () -> trainer.fit(data));
        assertTrue(e.getMessage().startsWith("the gradient norm became Infinity at epoch 1, step 1"), e.getMessage());
        assertEquals(0f, model.parameters().get(0).value().getFlat(0));
    }
}
