package com.example.nnjplugin;

import org.junit.jupiter.api.Test;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.testkit.ActivationContract;
import org.nnj.testkit.GradientChecker;
import org.nnj.testkit.LayerContract;
import org.nnj.testkit.OptimizerContract;
import org.nnj.testkit.ServiceDeclarations;

/**
 * The framework's test kit, run on this plugin: everything NNJ promises about an activation, a layer and
 * an optimizer (gradients, shapes, configs that rebuild them from a model file, thread-safe inference,
 * determinism, a complete optimizer state).
 */
class PluginContractTest {

    @Test
    void swishKeepsTheActivationContract() {
        ActivationContract.of(new SwishProvider(), Config.empty()).checkAll();
        ActivationContract.of(new SwishProvider(), Config.of("beta", 1.7)).checkAll();
    }

    @Test
    void scaleShiftKeepsTheLayerContractOnFlatAndImageShapes() {
        LayerContract.of(new ScaleShiftProvider(), Config.empty(), Shape.of(6)).checkAll();
        LayerContract.of(new ScaleShiftProvider(), Config.of("init_scale", 0.5), Shape.of(2, 3, 3)).checkAll();
    }

    @Test
    void lionKeepsTheOptimizerContract() {
        OptimizerContract.of(new LionProvider(), Config.of("lr", 1e-2)).checkAll();
        OptimizerContract.of(new LionProvider(), Config.of("lr", 3e-3, "weight_decay", 0.1)).checkAll();
    }

    @Test
    void theGradientCheckerOnItsOwnAlsoWorks() {
        GradientChecker.checkActivation(new Swish(2.0), new ScalarBackend(1), Shape.of(3, 5), 7L);
    }

    @Test
    void theServiceFilesAndModuleInfoDeclareTheSameProviders() {
        ServiceDeclarations.assertAgree(SwishProvider.class);
    }
}
