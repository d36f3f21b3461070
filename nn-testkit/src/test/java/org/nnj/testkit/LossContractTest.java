package org.nnj.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.spi.LossProvider;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.registry.Registries;

/** The loss contract passes for a loss that keeps it, and each check fails, saying why, for one that does not. */
class LossContractTest {
    private final Registries base = ContractFixtures.registries();
    private final Tensor targets = LossContract.oneHot(4, 3, 11L);

    @Test
    void aCorrectLossPassesEveryCheck() {
        LossContract.of(new HalfSquaresProvider(Fault.NONE), Config.of("weight", 1.5), targets).registries(base)
                .checkAll();
    }

    @Test
    void aWrongGradientFailsTheGradientCheckAndOnlyIt() {
        LossContract contract = LossContract.of(new HalfSquaresProvider(Fault.GRADIENT_TWICE), Config.of("weight",
                1.5), targets).registries(base);
        AssertionError e = assertThrows(AssertionError.class, contract::checkGradients);
        assertTrue(e.getMessage().contains("loss half_squares") && e.getMessage().contains(GradientChecker.PREDICTIONS),
                e.getMessage());
        contract.checkReduction(); // consistently wrong for one sample and for a batch
        contract.checkWritesItsOutputs();
        contract.checkConfigRoundTrip();
    }

    @Test
    void aSumOverTheBatchFailsTheReductionCheck() {
        LossContract contract = LossContract.of(new HalfSquaresProvider(Fault.SUM_OVER_BATCH), Config.empty(),
                targets).registries(base);
        contract.checkGradients(); // the gradient of what it computes is right
        AssertionError e = assertThrows(AssertionError.class, contract::checkReduction);
        assertTrue(e.getMessage().contains("must be the mean over the batch"), e.getMessage());
    }

    @Test
    void aGradientAddedToTheTensorInsteadOfWrittenFails() {
        LossContract contract = LossContract.of(new HalfSquaresProvider(Fault.ACCUMULATES), Config.empty(),
                targets).registries(base);
        AssertionError e = assertThrows(AssertionError.class, contract::checkWritesItsOutputs);
        assertTrue(e.getMessage().contains("must write the gradient, not add to it"), e.getMessage());
    }

    @Test
    void aConfigThatLosesASettingFailsTheRoundTrips() {
        LossContract contract = LossContract.of(new HalfSquaresProvider(Fault.FORGETS_WEIGHT), Config.of("weight",
                3.0), targets).registries(base);
        AssertionError e = assertThrows(AssertionError.class, contract::checkConfigRoundTrip);
        assertTrue(e.getMessage().contains("the loss rebuilt from its config"), e.getMessage());
        assertThrows(AssertionError.class, contract::checkSaveLoadRoundTrip);
    }

    @Test
    void oneHotTargetsHaveOneOnePerRow() {
        Tensor t = LossContract.oneHot(5, 4, 3L);
        for (int n = 0; n < 5; n++) {
            float sum = 0;
            for (int c = 0; c < 4; c++) {
                float v = t.getFlat(n * 4 + c);
                assertTrue(v == 0f || v == 1f);
                sum += v;
            }
            assertEquals(1f, sum);
        }
        assertThrows(IllegalArgumentException.class, () -> LossContract.of(new HalfSquaresProvider(Fault.NONE),
                Config.empty(), LossContract.oneHot(1, 3, 1L)));
    }

    private enum Fault { NONE, GRADIENT_TWICE, SUM_OVER_BATCH, ACCUMULATES, FORGETS_WEIGHT }

    /**
     * "half_squares": {@code weight * sum (p - t)^2 / 2}, summed over a sample and averaged over the batch,
     * gradient {@code weight * (p - t) / N}; or with one {@link Fault}.
     */
    private static final class HalfSquaresProvider implements LossProvider {
        private final Fault fault;

        HalfSquaresProvider(Fault fault) {
            this.fault = fault;
        }

        @Override
        public String name() {
            return "half_squares";
        }

        @Override
        public Loss create(Config config) {
            config.requireOnly("weight");
            double weight = config.getDouble("weight", 1.0);
            return new Loss() {
                @Override
                public String type() {
                    return "half_squares";
                }

                @Override
                public Config config() {
                    return fault == Fault.FORGETS_WEIGHT ? Config.empty() : Config.of("weight", weight);
                }

                @Override
                public float compute(ComputeBackend backend, Tensor p, Tensor t, Tensor gradient) {
                    int n = fault == Fault.SUM_OVER_BATCH ? 1 : p.dim(0);
                    double sum = 0;
                    for (int i = 0; i < p.size(); i++) {
                        double d = p.getFlat(i) - t.getFlat(i);
                        sum += d * d / 2;
                        if (gradient != null) {
                            float g = (float) (weight * d / n * (fault == Fault.GRADIENT_TWICE ? 2 : 1));
                            gradient.setFlat(i, fault == Fault.ACCUMULATES ? gradient.getFlat(i) + g : g);
                        }
                    }
                    return (float) (weight * sum / n);
                }
            };
        }
    }
}
