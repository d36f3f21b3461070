package org.nnj.optimizers;

import org.junit.jupiter.api.Test;
import org.nnj.api.config.Config;
import org.nnj.core.testkit.OptimizerContract;
import org.nnj.core.testkit.ServiceDeclarations;
import org.nnj.optimizers.adam.AdamProvider;
import org.nnj.optimizers.sgd.SgdProvider;

/** The test kit that plugin authors use, run on the built-in optimizers. */
class BuiltInContractsTest {

    @Test
    void sgdKeepsTheOptimizerContract() {
        OptimizerContract.of(new SgdProvider(), Config.of("lr", 0.05)).checkAll();
    }

    @Test
    void adamKeepsTheOptimizerContract() {
        OptimizerContract.of(new AdamProvider(), Config.of("lr", 0.01)).checkAll();
        OptimizerContract.of(new AdamProvider(), Config.of("lr", 0.003, "beta1", 0.5, "beta2", 0.9, "eps", 1e-6))
                .checkAll();
    }

    @Test
    void theServiceFilesAndTheModuleDescriptorDeclareTheSameProviders() {
        ServiceDeclarations.assertAgree(AdamProvider.class);
    }
}
