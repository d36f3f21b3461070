package org.nnj.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnj.api.ShapeException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.fixtures.TestLinear;
import org.nnj.core.fixtures.TestMse;
import org.nnj.core.fixtures.TestRelu;

class TrainingPassTest {
    private final ScalarBackend backend = new ScalarBackend();

    /** A parameterless identity layer that records what its contexts said. */
    static final class Probe extends AbstractLayer {
        final List<Boolean> needsInputGradient = new ArrayList<>();
        final List<Boolean> training = new ArrayList<>();
        final List<Long> randomDraws = new ArrayList<>();

        Probe(int width) {
            super("probe", Shape.of(width), Shape.of(width));
        }

        @Override
        public Config config() {
            return Config.empty();
        }

        @Override
        protected Tensor doForward(Tensor input, LayerContext ctx) {
            training.add(ctx.isTraining());
            randomDraws.add(ctx.random().nextLong());
            return input;
        }

        @Override
        protected Tensor doBackward(Tensor gradOutput, LayerContext ctx) {
            needsInputGradient.add(ctx.needsInputGradient());
            return gradOutput;
        }
    }

    @Test
    void onlyTheFirstLayerIsToldItsInputGradientIsNotNeeded() {
        Probe first = new Probe(2);
        Probe second = new Probe(2);
        Sequential model = Sequential.builder(Shape.of(2)).add(first).add(second).build();
        TrainingPass pass = model.newTrainingPass(backend);
        Tensor out = pass.forward(Tensor.zeros(3, 2), 1);
        pass.backward(out);
        assertEquals(List.of(false), first.needsInputGradient);
        assertEquals(List.of(true), second.needsInputGradient);
        assertEquals(List.of(true), first.training);
        model.predict(Tensor.zeros(1, 2), backend);
        assertEquals(List.of(true, false), first.training);
    }

    @Test
    void layerRandomSourcesDependOnTheStepSeedAndTheLayerIndex() {
        Probe first = new Probe(2);
        Probe second = new Probe(2);
        Sequential model = Sequential.builder(Shape.of(2)).add(first).add(second).build();
        TrainingPass pass = model.newTrainingPass(backend);
        pass.forward(Tensor.zeros(1, 2), 7);
        pass.forward(Tensor.zeros(1, 2), 8);
        model.newTrainingPass(backend).forward(Tensor.zeros(1, 2), 7);
        assertEquals(first.randomDraws.get(0), first.randomDraws.get(2));
        assertNotEquals(first.randomDraws.get(0), first.randomDraws.get(1));
        assertNotEquals(first.randomDraws.get(0), second.randomDraws.get(0));
    }

    @Test
    void buffersAreRecycledFromOneStepToTheNext() {
        Sequential model = Sequential.builder(Shape.of(2)).add(new TestLinear(2, 3, 1)).build();
        TrainingPass pass = model.newTrainingPass(backend);
        Tensor a = pass.forward(SequentialTest.randomBatch(4, 2, 1), 1);
        Tensor b = pass.forward(SequentialTest.randomBatch(4, 2, 2), 2);
        assertSame(a.data(), b.data());
        // A smaller last batch reuses the same array too.
        Tensor c = pass.forward(SequentialTest.randomBatch(3, 2, 3), 3);
        assertSame(a.data(), c.data());
        assertEquals(Shape.of(3, 3), c.shape());
    }

    @Test
    void backwardNeedsAForwardPassAndTheOutputShape() {
        Sequential model = Sequential.builder(Shape.of(2)).add(new TestLinear(2, 3, 1)).build();
        TrainingPass pass = model.newTrainingPass(backend);
        assertThrows(IllegalStateException.class, () -> pass.backward(Tensor.zeros(4, 3)));
        pass.forward(Tensor.zeros(4, 2), 1);
        ShapeException e = assertThrows(ShapeException.class, () -> pass.backward(Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("[4, 2]") && e.getMessage().contains("[4, 3]"), e.getMessage());
        pass.backward(Tensor.zeros(4, 3));
        // Once only: a second backward would add the gradients twice.
        assertThrows(IllegalStateException.class, () -> pass.backward(Tensor.zeros(4, 3)));
    }

    /** The gradients the pass produces agree with central differences of the loss, in double precision. */
    @Test
    void parameterGradientsMatchFiniteDifferences() {
        Sequential model = Sequential.builder(Shape.of(3))
                .add(new TestLinear(3, 5, 21))
                .add(new TestRelu(Shape.of(5)))
                .add(new TestLinear(5, 2, 22))
                .build();
        Tensor x = SequentialTest.randomBatch(4, 3, 5);
        Tensor t = SequentialTest.randomBatch(4, 2, 6);
        TestMse loss = new TestMse();
        TrainingPass pass = model.newTrainingPass(backend);
        model.zeroGradients();
        Tensor out = pass.forward(x, 1);
        Tensor grad = Tensor.zeros(out.shape());
        loss.compute(backend, out, t, grad);
        pass.backward(grad);

        double eps = 1e-2;
        for (Map.Entry<String, Parameter> entry : model.namedParameters().entrySet()) {
            Parameter p = entry.getValue();
            for (int i = 0; i < p.size(); i++) {
                float saved = p.value().getFlat(i);
                p.value().setFlat(i, (float) (saved + eps));
                double plus = loss.compute(backend, model.predict(x, backend), t, null);
                p.value().setFlat(i, (float) (saved - eps));
                double minus = loss.compute(backend, model.predict(x, backend), t, null);
                p.value().setFlat(i, saved);
                double numeric = (plus - minus) / (2 * eps);
                assertEquals(numeric, p.gradient().getFlat(i), 2e-3 + 1e-2 * Math.abs(numeric),
                        entry.getKey() + "[" + i + "]");
            }
        }
        // And zeroGradients clears them all, on the calling thread or with the backend's fill.
        model.zeroGradients();
        for (Parameter p : model.parameters()) {
            assertArrayEquals(new float[p.size()], p.gradient().toArray());
        }
        assertFalse(model.parameters().isEmpty());
        pass.forward(x, 2);
        pass.backward(grad);
        assertTrue(model.parameters().stream().anyMatch(p -> p.gradient().toArray()[0] != 0f));
        model.zeroGradients(backend);
        for (Parameter p : model.parameters()) {
            assertArrayEquals(new float[p.size()], p.gradient().toArray());
        }
    }
}
