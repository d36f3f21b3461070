package org.nnj.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.core.registry.Registries;

/** The contracts pass for plugins that keep them, and each check fails, saying why, for one that does not. */
class ContractsTest {
    private final Registries base = ContractFixtures.registries(new ContractFixtures.ActivationLayerProvider());

    @Test
    void aCorrectLayerPassesEveryCheck() {
        LayerContract.of(new ContractFixtures.LinearProvider(), Config.of("units", 3), Shape.of(4))
                .registries(base).checkAll();
    }

    @Test
    void stateInAFieldFailsThreadSafetyAndDeterminism() {
        LayerContract contract = LayerContract.of(new ContractFixtures.CountingProvider(), Config.empty(), Shape.of(3))
                .registries(base);
        contract.checkShapeInference();
        AssertionError threads = assertThrows(AssertionError.class, contract::checkThreadSafeInference);
        assertTrue(threads.getMessage().contains("per-call state in a field"), threads.getMessage());
        AssertionError determinism = assertThrows(AssertionError.class, contract::checkDeterminism);
        assertTrue(determinism.getMessage().contains("two training passes with one context seed, output"),
                determinism.getMessage());
    }

    @Test
    void aConfigThatCannotRebuildTheLayerFailsTheRoundTrip() {
        LayerContract contract = LayerContract.of(new ContractFixtures.ForgetfulConfigProvider(),
                Config.of("units", 2), Shape.of(3)).registries(base);
        AssertionError e = assertThrows(AssertionError.class, contract::checkConfigRoundTrip);
        assertTrue(e.getMessage().contains("does not rebuild the layer") && e.getMessage().contains("units"),
                e.getMessage());
        assertThrows(AssertionError.class, contract::checkSaveLoadRoundTrip);
    }

    @Test
    void aMissingParameterGradientFailsTheGradientCheck() {
        LayerContract contract = LayerContract.of(new ContractFixtures.NoBiasGradientProvider(), Config.empty(),
                Shape.of(3)).registries(base);
        AssertionError e = assertThrows(AssertionError.class, contract::checkGradients);
        assertTrue(e.getMessage().contains("bias"), e.getMessage());
    }

    @Test
    void aCorrectActivationPassesAndAWrongDerivativeFails() {
        ActivationContract.of(new ContractFixtures.ScaledTanhProvider(false), Config.of("scale", 1.5))
                .registries(base).checkAll();
        ActivationContract wrong = ActivationContract.of(new ContractFixtures.ScaledTanhProvider(true),
                Config.of("scale", 1.5)).registries(base);
        wrong.checkDeterminism();
        assertThrows(AssertionError.class, wrong::checkGradients);
    }

    @Test
    void theActivationSaveCheckNeedsNoLayerPluginOnTheClassPath() {
        // ContractFixtures.registries() has no "activation" layer: the kit brings its own.
        ActivationContract.of(new ContractFixtures.ScaledTanhProvider(false), Config.of("scale", 1.5))
                .registries(ContractFixtures.registries()).checkSaveLoadRoundTrip();
    }

    @Test
    void aCorrectOptimizerPassesAndOneThatForgetsItsStateFailsTheSaveCheck() {
        OptimizerContract.of(new ContractFixtures.MomentumProvider(false), Config.of("lr", 0.05))
                .registries(base).checkAll();
        OptimizerContract forgetful = OptimizerContract.of(new ContractFixtures.MomentumProvider(true),
                Config.of("lr", 0.05)).registries(base);
        forgetful.checkDescends();
        forgetful.checkDeterminism();
        AssertionError e = assertThrows(AssertionError.class, forgetful::checkSaveLoadRoundTrip);
        assertTrue(e.getMessage().contains("is some state not saved?"), e.getMessage());
    }

    @Test
    void anOptimizerThatClimbsFailsTheDescentCheck() {
        OptimizerContract climbing = OptimizerContract.of(new ContractFixtures.MomentumProvider(false),
                Config.of("lr", -0.05)).registries(base);
        AssertionError e = assertThrows(AssertionError.class, climbing::checkDescends);
        assertTrue(e.getMessage().contains("must descend"), e.getMessage());
    }
}
