package org.nnj.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.optimizers.Fixtures.bits;
import static org.nnj.optimizers.Fixtures.setGradient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.optim.OptimizerState;
import org.nnj.api.spi.OptimizerProvider;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;

/** What every built-in optimizer, in each of its variants, must do: resume exactly, and converge. */
class EveryOptimizerTest {
    private static final ScalarBackend BACKEND = new ScalarBackend();
    private static final Map<String, OptimizerProvider> PROVIDERS = new HashMap<>();

    static {
        ServiceLoader.load(OptimizerProvider.class).forEach(p -> PROVIDERS.put(p.name(), p));
    }

    private static Optimizer create(String name, String config) {
        return PROVIDERS.get(name).create(Config.parse(config));
    }

    /** Every variant, with settings that make every slot and branch matter. */
    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("sgd", "lr=0.05"),
                Arguments.of("sgd", "lr=0.05,momentum=0.9,dampening=0.1,weight_decay=0.01"),
                Arguments.of("sgd", "lr=0.05,momentum=0.9,nesterov=true"),
                Arguments.of("adagrad", "lr=0.1,lr_decay=0.01,initial_accumulator_value=0.1,weight_decay=0.01"),
                Arguments.of("rmsprop", "lr=0.01,momentum=0.5,centered=true,weight_decay=0.01"),
                Arguments.of("rmsprop", "lr=0.01,alpha=0.9"),
                Arguments.of("adadelta", "rho=0.8,weight_decay=0.01"),
                Arguments.of("adam", "lr=0.01,beta1=0.8,beta2=0.99,eps=1e-6"),
                Arguments.of("adam", "lr=0.01,amsgrad=true,weight_decay=0.01"),
                Arguments.of("adamw", "lr=0.01,weight_decay=0.1"),
                Arguments.of("adamw", "lr=0.01,weight_decay=0.1,amsgrad=true"),
                Arguments.of("adamax", "lr=0.01,weight_decay=0.01"),
                Arguments.of("nadam", "lr=0.01,momentum_decay=0.01,weight_decay=0.01"));
    }

    /** Two parameters, the second with other values and gradients so they cannot be mixed up unnoticed. */
    private static List<Parameter> parameters() {
        Parameter w = Fixtures.offsetParameter("0.weight");
        Parameter b = new Parameter("0.bias", Tensor.of(new float[] {0.25f, -0.5f, 1f}, 3));
        return List.of(w, b);
    }

    private static void step(Optimizer optimizer, List<Parameter> params, int t) {
        setGradient(params.get(0), t);
        for (int i = 0; i < 3; i++) {
            // Rising and falling, so that maxima (AMSGrad, Adamax) take both branches.
            params.get(1).gradient().setFlat(i, (float) (Math.sin(t + i) - 0.2 * i));
        }
        optimizer.step(BACKEND, params);
    }

    /**
     * Four steps, save, three more (A); a fresh optimizer of the same config loads the state and runs the
     * same three steps on a copy of the weights saved at step four (B): weights and state agree bit for bit.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variants")
    void aRestoredStateContinuesBitForBit(String name, String config) {
        Optimizer first = create(name, config);
        List<Parameter> a = parameters();
        for (int t = 1; t <= 4; t++) {
            step(first, a, t);
        }
        OptimizerState saved = first.saveState();
        List<Parameter> b = new ArrayList<>();
        for (Parameter p : a) {
            b.add(new Parameter(p.name(), p.value().copy()));
        }
        for (int t = 5; t <= 7; t++) {
            step(first, a, t);
        }

        Optimizer resumed = create(name, config);
        resumed.loadState(saved);
        for (int t = 5; t <= 7; t++) {
            step(resumed, b, t);
        }
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(bits(a.get(i).value()), bits(b.get(i).value()), a.get(i).name());
        }
        OptimizerState stateA = first.saveState();
        OptimizerState stateB = resumed.saveState();
        assertEquals(stateA.scalars(), stateB.scalars());
        assertEquals(stateA.tensors().keySet(), stateB.tensors().keySet());
        stateA.tensors().forEach((key, t) -> assertArrayEquals(bits(t), bits(stateB.tensor(key)), key));
        assertEquals(7.0, stateA.scalar("0.weight/step", -1));
    }

    /** Weight decay and Nesterov work on a copy: like PyTorch, an optimizer reads gradients and never writes them. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variants")
    void theGradientsAreLeftAsTheyWere(String name, String config) {
        Optimizer optimizer = create(name, config);
        List<Parameter> params = parameters();
        for (int t = 1; t <= 3; t++) {
            step(optimizer, params, t);
            Parameter w = params.get(0);
            for (int i = 0; i < w.size(); i++) {
                assertEquals(Fixtures.gradient(t, i), w.gradient().getFlat(i), 0f, "gradient[" + i + "] at step " + t);
            }
        }
    }

    /** Settings that reach the minimum of the quadratic below in the given number of steps. */
    static Stream<Arguments> convergent() {
        return Stream.of(
                Arguments.of("sgd", "lr=0.1", 400, 1e-5),
                Arguments.of("sgd", "lr=0.02,momentum=0.9", 400, 1e-5),
                Arguments.of("sgd", "lr=0.02,momentum=0.9,nesterov=true", 400, 1e-5),
                Arguments.of("adagrad", "lr=0.5", 2000, 1e-4),
                Arguments.of("rmsprop", "lr=0.01", 2000, 1e-2),
                Arguments.of("rmsprop", "lr=0.001,centered=true,momentum=0.9", 3000, 1e-2),
                Arguments.of("adadelta", "lr=1.0,eps=1e-4", 3000, 1e-2),
                Arguments.of("adam", "lr=0.05", 3000, 1e-3),
                Arguments.of("adam", "lr=0.05,amsgrad=true", 3000, 1e-3),
                Arguments.of("adamw", "lr=0.05,weight_decay=0", 3000, 1e-3),
                Arguments.of("adamax", "lr=0.05", 3000, 1e-3),
                Arguments.of("nadam", "lr=0.05", 3000, 1e-3));
    }

    /**
     * f(w) = 0.5 * sum a_i (w_i - c_i)^2, with curvatures from 0.5 to 10, from w = 0: every optimizer ends
     * within {@code tolerance} of the minimum c in every coordinate, and f falls by at least 1e4.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("convergent")
    void convergesOnAConvexQuadratic(String name, String config, int steps, double tolerance) {
        float[] a = {0.5f, 1f, 2f, 4f, 10f};
        float[] c = {1f, -2f, 0.5f, 3f, -0.25f};
        Parameter p = new Parameter("w", Tensor.zeros(a.length));
        Optimizer optimizer = create(name, config);
        double f0 = quadratic(a, c, p.value());
        for (int step = 0; step < steps; step++) {
            for (int i = 0; i < a.length; i++) {
                p.gradient().setFlat(i, a[i] * (p.value().getFlat(i) - c[i]));
            }
            optimizer.step(BACKEND, List.of(p));
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals(c[i], p.value().getFlat(i), tolerance, name + " " + config + ": w[" + i + "]");
        }
        double f = quadratic(a, c, p.value());
        assertTrue(f < 1e-4 * f0, name + " " + config + ": f fell from " + f0 + " to " + f);
    }

    private static double quadratic(float[] a, float[] c, Tensor w) {
        double f = 0;
        for (int i = 0; i < a.length; i++) {
            double d = w.getFlat(i) - c[i];
            f += 0.5 * a[i] * d * d;
        }
        return f;
    }
}
