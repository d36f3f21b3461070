package org.nnj.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.activation.ElementwiseActivation;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.AbstractLayer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.layer.Parameter;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;

/**
 * The checker must pass correct gradients and catch wrong ones: each toy below is written once right
 * and once with a deliberate, realistic bug (a missing factor, a missing 1/N, a forgotten term).
 */
class GradientCheckerTest {
    private static final ComputeBackend BACKEND = new ScalarBackend();

    /** Where the toy layer's backward pass is wrong. */
    enum Bug { NONE, INPUT_GRADIENT, WEIGHT_GRADIENT, BIAS_NOT_ACCUMULATED_OVER_BATCH, NULL_INPUT_GRADIENT, WRITES_INPUT }

    /** {@code y = w * x^2 + b}, per feature; weight and bias of shape [features]. */
    static final class SquareScale extends AbstractLayer {
        private final Parameter weight;
        private final Parameter bias;
        private final Bug bug;

        SquareScale(int features, Bug bug) {
            super("square_scale", Shape.of(features), Shape.of(features));
            this.bug = bug;
            float[] w = new float[features];
            float[] b = new float[features];
            for (int i = 0; i < features; i++) {
                w[i] = 0.5f + 0.25f * i;
                b[i] = 0.1f * i - 0.3f;
            }
            weight = new Parameter("weight", Tensor.of(w, features));
            bias = new Parameter("bias", Tensor.of(b, features));
        }

        @Override
        public Config config() {
            return Config.empty();
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(weight, bias);
        }

        @Override
        protected Tensor doForward(Tensor input, LayerContext context) {
            int n = input.dim(0);
            int f = input.dim(1);
            Tensor y = context.allocate(input.shape());
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < f; j++) {
                    float x = input.get(s, j);
                    y.set(weight.value().getFlat(j) * x * x + bias.value().getFlat(j), s, j);
                    if (bug == Bug.WRITES_INPUT) {
                        input.set(x, s, j); // same value back: harmless, then one real change below
                    }
                }
            }
            if (bug == Bug.WRITES_INPUT) {
                input.setFlat(0, input.getFlat(0) + 1f);
            }
            context.save(input);
            return y;
        }

        @Override
        protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
            Tensor input = context.saved(0, Tensor.class);
            int n = input.dim(0);
            int f = input.dim(1);
            Tensor dx = context.allocate(input.shape());
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < f; j++) {
                    float x = input.get(s, j);
                    float dy = gradOutput.get(s, j);
                    float w = weight.value().getFlat(j);
                    float inputFactor = bug == Bug.INPUT_GRADIENT ? w * x : 2 * w * x; // d/dx w x^2 = 2 w x
                    dx.set(dy * inputFactor, s, j);
                    float dw = bug == Bug.WEIGHT_GRADIENT ? dy * x : dy * x * x;
                    weight.gradient().setFlat(j, weight.gradient().getFlat(j) + dw);
                    if (bug == Bug.BIAS_NOT_ACCUMULATED_OVER_BATCH) {
                        bias.gradient().setFlat(j, dy); // overwrites: only the last sample survives
                    } else {
                        bias.gradient().setFlat(j, bias.gradient().getFlat(j) + dy);
                    }
                }
            }
            return bug == Bug.NULL_INPUT_GRADIENT ? null : dx;
        }
    }

    /** {@code y = x * m} with {@code m} in {0, 2} drawn from the context: dropout in miniature. */
    static final class RandomMask extends AbstractLayer {
        RandomMask(int features) {
            super("random_mask", Shape.of(features), Shape.of(features));
        }

        @Override
        public Config config() {
            return Config.empty();
        }

        @Override
        protected Tensor doForward(Tensor input, LayerContext context) {
            Tensor mask = Tensor.zeros(input.shape());
            Tensor y = context.allocate(input.shape());
            for (int i = 0; i < input.size(); i++) {
                float m = context.random().nextBoolean() ? 2f : 0f;
                mask.setFlat(i, m);
                y.setFlat(i, input.getFlat(i) * m);
            }
            context.save(mask);
            return y;
        }

        @Override
        protected Tensor doBackward(Tensor gradOutput, LayerContext context) {
            Tensor mask = context.saved(0, Tensor.class);
            Tensor dx = context.allocate(gradOutput.shape());
            for (int i = 0; i < dx.size(); i++) {
                dx.setFlat(i, gradOutput.getFlat(i) * mask.getFlat(i));
            }
            return dx;
        }
    }

    /** softplus(x) = log(1 + e^x), derivative sigmoid(x); or a wrong derivative e^x. */
    static final class Softplus extends ElementwiseActivation {
        private final boolean wrong;

        Softplus(boolean wrong) {
            this.wrong = wrong;
        }

        @Override
        public String type() {
            return "softplus";
        }

        @Override
        public float apply(float x) {
            return (float) Math.log1p(Math.exp(x));
        }

        @Override
        public float derivative(float x, float y) {
            return wrong ? (float) Math.exp(x) : (float) (1 / (1 + Math.exp(-x)));
        }
    }

    /** |x|: a kink at 0, where the checker must not differentiate. */
    static final class Abs extends ElementwiseActivation {
        @Override
        public String type() {
            return "abs";
        }

        @Override
        public float apply(float x) {
            return Math.abs(x);
        }

        @Override
        public float derivative(float x, float y) {
            return x > 0 ? 1f : -1f;
        }
    }

    /** 0.5 * sum of squares per sample, mean over the batch; or a gradient without the 1/N. */
    static final class HalfSquares implements Loss {
        private final boolean forgetsMean;

        HalfSquares(boolean forgetsMean) {
            this.forgetsMean = forgetsMean;
        }

        @Override
        public String type() {
            return "half_squares";
        }

        @Override
        public float compute(ComputeBackend backend, Tensor predictions, Tensor targets, Tensor gradient) {
            int n = predictions.dim(0);
            double sum = 0;
            for (int i = 0; i < predictions.size(); i++) {
                double d = predictions.getFlat(i) - targets.getFlat(i);
                sum += 0.5 * d * d;
                if (gradient != null) {
                    gradient.setFlat(i, (float) (forgetsMean ? d : d / n));
                }
            }
            return (float) (sum / n);
        }
    }

    // ---------------------------------------------------------------- layers

    @Test
    void passesACorrectLayerWithParameters() {
        GradientCheckReport report = GradientChecker.checkLayer(new SquareScale(5, Bug.NONE), BACKEND, 3, 11L);
        assertTrue(report.passed());
        assertEquals(3 * 5 + 5 + 5, report.compared(), "every element of input, weight and bias");
        assertTrue(report.worstRatio() <= 1.0, report::toString);
    }

    @Test
    void failsAWrongInputGradientAndNamesTheInput() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientChecker.checkLayer(new SquareScale(5, Bug.INPUT_GRADIENT), BACKEND, 3, 11L));
        assertTrue(e.getMessage().contains("FAILED"), e.getMessage());
        assertTrue(e.getMessage().contains("input["), e.getMessage());
        assertTrue(e.getMessage().contains("analytic") && e.getMessage().contains("numeric"), e.getMessage());
        String firstListed = e.getMessage().split("worst elements:\n")[1].trim();
        assertTrue(firstListed.startsWith("input["), "the failing input elements are listed first: " + e.getMessage());
        assertTrue(e.getMessage().contains("input: 15 of 15 failed, weight: 0 of 5 failed, bias: 0 of 5 failed"),
                e.getMessage());
    }

    @Test
    void failsAWrongWeightGradientAndNamesTheParameter() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientChecker.checkLayer(new SquareScale(4, Bug.WEIGHT_GRADIENT), BACKEND, 2, 5L));
        assertTrue(e.getMessage().contains("weight["), e.getMessage());
        assertTrue(e.getMessage().contains("square_scale[4] -> [4]"), e.getMessage());
    }

    @Test
    void failsABiasGradientThatIsNotSummedOverTheBatch() {
        AssertionError e = assertThrows(AssertionError.class, () -> GradientChecker.checkLayer(
                new SquareScale(4, Bug.BIAS_NOT_ACCUMULATED_OVER_BATCH), BACKEND, 3, 5L));
        assertTrue(e.getMessage().contains("bias["), e.getMessage());
    }

    @Test
    void batchOfOneCannotSeeTheMissingSumButLargerBatchesDo() {
        // With one sample, overwriting equals accumulating: the checker is right to pass it.
        GradientChecker.checkLayer(new SquareScale(4, Bug.BIAS_NOT_ACCUMULATED_OVER_BATCH), BACKEND, 1, 5L);
    }

    @Test
    void failsWhenBackwardReturnsNull() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientChecker.checkLayer(new SquareScale(3, Bug.NULL_INPUT_GRADIENT), BACKEND, 2, 1L));
        assertTrue(e.getMessage().contains("returned null"), e.getMessage());
    }

    @Test
    void failsWhenForwardWritesIntoItsInput() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientChecker.checkLayer(new SquareScale(3, Bug.WRITES_INPUT), BACKEND, 2, 1L));
        assertTrue(e.getMessage().contains("wrote into its input"), e.getMessage());
    }

    @Test
    void randomLayersSeeTheSameDrawsInEveryEvaluation() {
        GradientChecker.checkLayer(new RandomMask(6), BACKEND, 4, 3L);
    }

    @Test
    void restoresParameterValuesExactly() {
        SquareScale layer = new SquareScale(5, Bug.NONE);
        float[] weights = layer.parameters().get(0).value().toArray();
        float[] biases = layer.parameters().get(1).value().toArray();
        GradientChecker.checkLayer(layer, BACKEND, 2, 9L);
        assertEquals(Arrays.toString(weights), Arrays.toString(layer.parameters().get(0).value().toArray()));
        assertEquals(Arrays.toString(biases), Arrays.toString(layer.parameters().get(1).value().toArray()));
    }

    @Test
    void samplesAtMostTheConfiguredNumberOfElementsPerTensor() {
        GradientCheckReport report = GradientChecker.checkLayer(new SquareScale(10, Bug.NONE), BACKEND, 8, 2L,
                GradientCheckOptions.defaults().withMaxElementsPerTensor(7));
        assertEquals(7 + 7 + 7, report.compared());
    }

    @Test
    void sameSeedSameReport() {
        GradientCheckOptions few = GradientCheckOptions.defaults().withMaxElementsPerTensor(4);
        GradientCheckReport a = GradientChecker.checkLayer(new SquareScale(10, Bug.NONE), BACKEND, 8, 2L, few);
        GradientCheckReport b = GradientChecker.checkLayer(new SquareScale(10, Bug.NONE), BACKEND, 8, 2L, few);
        assertEquals(a.worst(), b.worst());
    }

    @Test
    void aLooseEnoughToleranceLetsAWrongGradientThrough() {
        // A factor of two off: rtol 1.0 allows anything up to max(|a|, |n|), which is exactly that.
        GradientChecker.checkLayer(new SquareScale(3, Bug.INPUT_GRADIENT), BACKEND, 2, 4L,
                GradientCheckOptions.defaults().withTolerances(1.0, 1e-3));
    }

    // ---------------------------------------------------------------- activations

    @Test
    void passesACorrectActivation() {
        GradientChecker.checkActivation(new Softplus(false), BACKEND, Shape.of(4, 6), 21L);
    }

    @Test
    void failsAWrongActivationDerivative() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientChecker.checkActivation(new Softplus(true), BACKEND, Shape.of(4, 6), 21L));
        assertTrue(e.getMessage().contains("activation softplus on [4, 6]"), e.getMessage());
    }

    @Test
    void avoidsTheKinkAtZero() {
        GradientChecker.checkActivation(new Abs(), BACKEND, Shape.of(16, 16), 8L);
    }

    @Test
    void differentiatingAcrossAKinkFailsWhichIsWhyInputsAvoidIt() {
        // Inputs all within epsilon of 0 and no kink avoidance: x +- epsilon straddles the kink.
        GradientCheckOptions straddle = GradientCheckOptions.defaults().withInputRange(5e-3).withKinkPoints();
        assertThrows(AssertionError.class,
                () -> GradientChecker.checkActivation(new Abs(), BACKEND, Shape.of(2, 3), 8L, straddle));
    }

    @Test
    void refusesAKinkMarginThatLeavesNothingToDraw() {
        GradientCheckOptions impossible = GradientCheckOptions.defaults().withInputRange(0.01).withKinkMargin(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientChecker.checkActivation(new Abs(), BACKEND, Shape.of(2, 3), 8L, impossible));
        assertTrue(e.getMessage().contains("kink"), e.getMessage());
    }

    // ---------------------------------------------------------------- losses

    @Test
    void passesACorrectLoss() {
        Tensor targets = Tensor.of(new float[] {1, 0, 0.5f, -1, 2, 0}, 3, 2);
        GradientChecker.checkLoss(new HalfSquares(false), BACKEND, targets, 13L);
    }

    @Test
    void failsALossGradientWithoutTheMeanOverTheBatch() {
        Tensor targets = Tensor.of(new float[] {1, 0, 0.5f, -1, 2, 0}, 3, 2);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradientChecker.checkLoss(new HalfSquares(true), BACKEND, targets, 13L));
        assertTrue(e.getMessage().contains("predictions["), e.getMessage());
    }

    @Test
    void leavesTheTargetsAlone() {
        float[] values = {1, 0, 0.5f, -1};
        Tensor targets = Tensor.of(values, 2, 2);
        GradientChecker.checkLoss(new HalfSquares(false), BACKEND, targets, 13L);
        assertEquals(Arrays.toString(values), Arrays.toString(targets.toArray()));
    }

    // ---------------------------------------------------------------- options and report

    @Test
    void optionsRejectNonsense() {
        GradientCheckOptions d = GradientCheckOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withEpsilon(0));
        assertThrows(IllegalArgumentException.class, () -> d.withEpsilon(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withTolerances(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxElementsPerTensor(0));
        assertThrows(IllegalArgumentException.class, () -> d.withKinkPoints(Double.POSITIVE_INFINITY));
    }

    @Test
    void kinkMarginFollowsEpsilonUnlessSet() {
        assertEquals(2e-2, GradientCheckOptions.defaults().kinkMargin());
        assertEquals(1e-2, GradientCheckOptions.defaults().withEpsilon(5e-3).kinkMargin());
        assertEquals(0.5, GradientCheckOptions.defaults().withKinkMargin(0.5).withEpsilon(5e-3).kinkMargin());
    }

    @Test
    void indicesAreMultiDimensional() {
        assertEquals("[1, 2]", GradientChecker.index(Shape.of(3, 4), 6));
        assertEquals("[0, 1, 0]", GradientChecker.index(Shape.of(2, 2, 3), 3));
        assertEquals("[4]", GradientChecker.index(Shape.of(5), 4));
    }
}
