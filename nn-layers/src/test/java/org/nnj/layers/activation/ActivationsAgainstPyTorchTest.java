package org.nnj.layers.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.fixtures.ActivationReference;
import org.nnj.fixtures.ActivationReference.Case;
import org.nnj.layers.testing.TestBuildContext;

/**
 * ELU, SELU, GELU (both forms) and softplus (defaults and another config each) against PyTorch: the values and
 * autograd derivatives of {@code torch.nn.functional} in float64 at 860 to 880 float32 inputs per function
 * ({@code src/test/resources/org/nnj/layers/reference/activations.py} wrote them), compared with what the
 * activations compute in float32 on the scalar backend: the forward and backward kernels (with an output
 * gradient of 1), and the element-wise {@code apply} and {@code derivative}.
 *
 * <h2>Tolerances</h2>
 * The constants are in {@link ActivationReference}, shared with the SIMD backend's test.
 * <ul>
 *   <li>Against PyTorch: {@code |ours - torch| <= 1e-6 |torch| + 1e-14}, the 1e-6 relative plus an
 *       absolute term for PyTorch's own float64 errors: {@code 1 + erf(x / sqrt 2)} and {@code 1 + tanh(u)}
 *       cancel in GELU's negative tail (PyTorch's float64 GELU is 0 below x = -8.3, where the true value is
 *       about -2e-16; its tanh form's derivative is 4.9e-15 instead of 4.5e-15 at x = -7.15), and its ELU takes
 *       {@code exp(x) - 1}, which is 0 at x = -1e-30. Measured worst, in float32: 4.5e-15 absolute.</li>
 *   <li>Against the exact values (mpmath): {@code |ours - exact| <= 1e-6 |exact| + 1e-44}, pure relative down to
 *       float32's denormal numbers (below 1.2e-38 no float holds 1e-6 relative; 1e-44 is 7 steps of the smallest
 *       denormal).</li>
 * </ul>
 * The worst errors are printed per function and path (the SIMD backend's in nn-simd's
 * {@code SmoothActivationsAgainstPyTorchTest}).
 */
class ActivationsAgainstPyTorchTest {
    private static ElementwiseActivation create(Case c) {
        Map<String, Object> config = new LinkedHashMap<>();
        c.config().forEach((k, v) -> config.put(k, v.matches("[-+0-9.eE]+") ? (Object) Double.parseDouble(v) : v));
        return (ElementwiseActivation) TestBuildContext.ACTIVATIONS.get(c.type()).create(Config.fromMap(config));
    }

    @Test
    void theScalarBackendAndTheElementwiseDefinitionsMatchPyTorch() {
        ComputeBackend backend = new ScalarBackend();
        List<Case> cases = ActivationReference.read(getClass());
        assertEquals(List.of("elu", "elu:alpha=0.5", "selu", "gelu", "gelu:approximate=tanh", "softplus",
                "softplus:beta=2,threshold=5"), cases.stream().map(Case::function).toList());
        List<ActivationReference.Errors> all = new ArrayList<>();
        for (Case c : cases) {
            ElementwiseActivation a = create(c);
            float[] x = c.x();
            int n = x.length;
            Tensor in = Tensor.of(x.clone(), n);
            Tensor out = Tensor.zeros(n);
            Tensor dx = Tensor.zeros(n);
            float[] ones = new float[n];
            Arrays.fill(ones, 1f);
            a.forward(backend, in, out);
            a.backward(backend, in, out, Tensor.of(ones, n), dx);

            float[] apply = new float[n];
            float[] derivative = new float[n];
            for (int i = 0; i < n; i++) {
                apply[i] = a.apply(x[i]);
                derivative[i] = a.derivative(x[i], apply[i]);
            }
            all.addAll(ActivationReference.compare(c, "forward kernel", false, out.toArray()));
            all.addAll(ActivationReference.compare(c, "backward kernel", true, dx.toArray()));
            all.addAll(ActivationReference.compare(c, "apply", false, apply));
            all.addAll(ActivationReference.compare(c, "derivative", true, derivative));
        }
        ActivationReference.report("Scalar backend and apply/derivative", all);
    }
}
