package org.nnj.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.optimizers.Fixtures.bits;
import static org.nnj.optimizers.Fixtures.setGradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.AbstractOptimizer;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.optimizers.adam.Adam;
import org.nnj.optimizers.adam.NAdam;
import org.nnj.optimizers.sgd.Sgd;

/** Per-parameter state, its saved form, and the checks of {@link AbstractOptimizer#step}. */
class OptimizerStateTest {
    private static final ScalarBackend BACKEND = new ScalarBackend();

    /** Two parameters, the second with other values and gradients so they cannot be mixed up unnoticed. */
    private static List<Parameter> parameters() {
        Parameter w = Fixtures.offsetParameter("0.weight");
        Parameter b = new Parameter("0.bias", Tensor.of(new float[] {0.25f, -0.5f, 1f}, 3));
        return List.of(w, b);
    }

    private static void step(Optimizer optimizer, List<Parameter> params, int t) {
        setGradient(params.get(0), t);
        for (int i = 0; i < 3; i++) {
            params.get(1).gradient().setFlat(i, 0.1f * t - i);
        }
        optimizer.step(BACKEND, params);
    }

    private static List<Parameter> copyOf(List<Parameter> params) {
        List<Parameter> copy = new ArrayList<>();
        for (Parameter p : params) {
            copy.add(new Parameter(p.name(), p.value().copy()));
        }
        return copy;
    }

    /** Three steps, save, two more (A); a fresh optimizer loads the state and runs the same two (B). */
    private static void resumesBitForBit(Supplier<Optimizer> factory) {
        Optimizer first = factory.get();
        List<Parameter> a = parameters();
        for (int t = 1; t <= 3; t++) {
            step(first, a, t);
        }
        OptimizerState saved = first.saveState();
        List<Parameter> b = copyOf(a);
        step(first, a, 4);
        step(first, a, 5);

        Optimizer resumed = factory.get();
        resumed.loadState(saved);
        step(resumed, b, 4);
        step(resumed, b, 5);

        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(bits(a.get(i).value()), bits(b.get(i).value()), a.get(i).name());
        }
        OptimizerState stateA = first.saveState();
        OptimizerState stateB = resumed.saveState();
        assertEquals(stateA.scalars(), stateB.scalars());
        assertEquals(stateA.tensors().keySet(), stateB.tensors().keySet());
        stateA.tensors().forEach((key, t) -> assertArrayEquals(bits(t), bits(stateB.tensor(key)), key));
    }

    @Test
    void adamResumesBitForBit() {
        resumesBitForBit(() -> new Adam(0.01, 0.8, 0.99, 1e-6));
    }

    @Test
    void sgdResumesBitForBit() {
        resumesBitForBit(() -> new Sgd(0.05));
    }

    @Test
    void savedKeysAreParameterSlashSlot() {
        Adam adam = new Adam();
        List<Parameter> params = parameters();
        for (int t = 1; t <= 3; t++) {
            step(adam, params, t);
        }
        OptimizerState state = adam.saveState();
        assertEquals(Set.of("0.weight/exp_avg", "0.weight/exp_avg_sq", "0.bias/exp_avg", "0.bias/exp_avg_sq"),
                state.tensors().keySet());
        assertEquals(Map.of("0.weight/step", 3.0, "0.bias/step", 3.0), state.scalars());
        assertEquals(params.get(0).shape(), state.tensor("0.weight/exp_avg").shape());

        // A snapshot is a copy: later steps do not change it.
        int[] before = bits(state.tensor("0.bias/exp_avg"));
        step(adam, params, 4);
        assertArrayEquals(before, bits(state.tensor("0.bias/exp_avg")));
    }

    @Test
    void loadedStateIsNotChangedByLaterSteps() {
        Adam adam = new Adam();
        List<Parameter> params = parameters();
        step(adam, params, 1);
        OptimizerState saved = adam.saveState();
        int[] before = bits(saved.tensor("0.weight/exp_avg_sq"));
        Adam other = new Adam();
        other.loadState(saved);
        step(other, params, 2);
        assertArrayEquals(before, bits(saved.tensor("0.weight/exp_avg_sq")));
    }

    @Test
    void stateIsCreatedLazilyPerParameter() {
        Adam adam = new Adam();
        assertTrue(adam.saveState().scalars().isEmpty());
        List<Parameter> params = parameters();
        adam.step(BACKEND, params.subList(1, 2));
        adam.step(BACKEND, params);
        assertEquals(Map.of("0.weight/step", 1.0, "0.bias/step", 2.0), adam.saveState().scalars());
    }

    @Test
    void duplicateNamesAreRejectedBeforeAnythingChanges() {
        Adam adam = new Adam();
        Parameter w = new Parameter("w", Tensor.of(new float[] {1, 2}, 2));
        Parameter v = new Parameter("v", Tensor.of(new float[] {3}, 1));
        Parameter alsoW = new Parameter("w", Tensor.of(new float[] {4, 5}, 2));
        w.gradient().fill(1f);
        v.gradient().fill(1f);
        ConfigException e = assertThrows(ConfigException.class, () -> adam.step(BACKEND, List.of(w, v, alsoW)));
        assertTrue(e.getMessage().startsWith("adam: parameter name 'w' appears twice in the list (positions 0 and 2)"),
                e.getMessage());
        assertArrayEquals(new float[] {1, 2}, w.value().toArray());
        assertArrayEquals(new float[] {3}, v.value().toArray());
        assertTrue(adam.saveState().scalars().isEmpty());
        assertThrows(ConfigException.class, () -> new Sgd().step(BACKEND, List.of(w, alsoW)));
    }

    @Test
    void stateOfAnotherShapeIsRejectedAtTheNextStep() {
        Adam adam = new Adam();
        Parameter small = new Parameter("w", Tensor.zeros(3));
        adam.step(BACKEND, List.of(small));
        Adam other = new Adam();
        other.loadState(adam.saveState());
        Parameter big = new Parameter("w", Tensor.of(new float[] {1, 2, 3, 4}, 4));
        big.gradient().fill(1f);
        ShapeException e = assertThrows(ShapeException.class, () -> other.step(BACKEND, List.of(big)));
        assertEquals("adam: the state kept for parameter 'w' has shape [3] but the parameter has shape [4];"
                + " was the state loaded from another model?", e.getMessage());
        assertArrayEquals(new float[] {1, 2, 3, 4}, big.value().toArray());
    }

    @Test
    void badStatesAreRejectedAndTheOldStateKept() {
        Adam adam = new Adam();
        List<Parameter> params = parameters();
        step(adam, params, 1);
        OptimizerState good = adam.saveState();
        Tensor three = Tensor.zeros(3);

        assertLoadFails(adam, new OptimizerState(Map.of("0.bias/exp_avg", three),
                Map.of("0.bias/step", 1.0)), "adam state: parameter '0.bias' has a step count but no tensor"
                + " '0.bias/exp_avg_sq'");
        assertLoadFails(adam, new OptimizerState(Map.of("0.bias/exp_avg", three, "0.bias/exp_avg_sq", three),
                Map.of()), "adam state: tensor '0.bias/exp_avg");
        assertLoadFails(adam, new OptimizerState(Map.of("0.bias/exp_avg", three, "0.bias/exp_avg_sq", three,
                "0.bias/momentum_buffer", three), Map.of("0.bias/step", 1.0)),
                "adam state: unknown tensor '0.bias/momentum_buffer'; adam keeps [exp_avg, exp_avg_sq] per parameter");
        assertLoadFails(adam, new OptimizerState(Map.of(), Map.of("lr", 0.1)),
                "adam state: scalar key 'lr' is not of the form '<parameter>/<slot>'");
        assertLoadFails(adam, new OptimizerState(Map.of(), Map.of("w/lr", 0.1)), "adam state: unknown scalar 'w/lr'");
        for (double step : new double[] {0, -1, 1.5, Double.NaN}) {
            assertLoadFails(adam, new OptimizerState(Map.of("w/exp_avg", three, "w/exp_avg_sq", three),
                    Map.of("w/step", step)), "adam state: 'w/step' must be a whole number of steps, at least 1");
        }
        ShapeException s = assertThrows(ShapeException.class, () -> adam.loadState(new OptimizerState(
                Map.of("w/exp_avg", three, "w/exp_avg_sq", Tensor.zeros(4)), Map.of("w/step", 2.0))));
        assertEquals("adam state: 'w/exp_avg_sq' has shape [4] but 'w/exp_avg' has shape [3]; the slots of one"
                + " parameter have its shape", s.getMessage());
        assertLoadFails(new Sgd(), good, "sgd state: unknown tensor '0.weight/exp_avg'; sgd keeps no tensors");

        // None of the failed loads replaced the state.
        OptimizerState after = adam.saveState();
        assertEquals(good.scalars(), after.scalars());
        good.tensors().forEach((key, t) -> assertArrayEquals(bits(t), bits(after.tensor(key)), key));
    }

    @Test
    void perParameterScalarsAreSavedAndChecked() {
        NAdam nadam = new NAdam();
        List<Parameter> params = parameters();
        step(nadam, params, 1);
        step(nadam, params, 2);
        OptimizerState saved = nadam.saveState();
        double mu1 = 0.9f * (1 - 0.5 * Math.pow(0.96, 1 * (double) 0.004f));
        double mu2 = 0.9f * (1 - 0.5 * Math.pow(0.96, 2 * (double) 0.004f));
        assertEquals(mu1 * mu2, saved.scalar("0.weight/mu_product", -1), 1e-15);
        assertEquals(Map.of("0.weight/step", 2.0, "0.weight/mu_product", mu1 * mu2, "0.bias/step", 2.0,
                "0.bias/mu_product", mu1 * mu2), saved.scalars());

        Tensor eight = Tensor.zeros(8);
        Map<String, Tensor> tensors = Map.of("w/exp_avg", eight, "w/exp_avg_sq", eight);
        assertLoadFails(nadam, new OptimizerState(tensors, Map.of("w/step", 2.0)),
                "nadam state: parameter 'w' has a step count but no scalar 'w/mu_product'");
        assertLoadFails(nadam, new OptimizerState(tensors, Map.of("w/step", 2.0, "w/mu_product", 0.5, "w/mu", 0.5)),
                "nadam state: unknown scalar 'w/mu'; expected only '<parameter>/step' and [mu_product] per parameter");
        assertLoadFails(nadam, new OptimizerState(Map.of(), Map.of("v/mu_product", 0.5)),
                "nadam state: scalar 'v/mu_product' has no step count 'v/step'");
        assertLoadFails(new Adam(), saved, "adam state: unknown scalar '0.weight/mu_product'");
        NAdam other = new NAdam();
        other.loadState(saved);
        assertEquals(saved.scalars(), other.saveState().scalars());
    }

    private static void assertLoadFails(Optimizer optimizer, OptimizerState state, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> optimizer.loadState(state));
        assertTrue(e.getMessage().startsWith(expected), () -> "expected \"" + expected + "...\", got: " + e.getMessage());
    }
}
