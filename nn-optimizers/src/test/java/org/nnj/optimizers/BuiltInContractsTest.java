package org.nnj.optimizers;

import org.junit.jupiter.api.Test;
import org.nnj.api.config.Config;
import org.nnj.testkit.OptimizerContract;
import org.nnj.testkit.ServiceDeclarations;
import org.nnj.optimizers.adadelta.AdadeltaProvider;
import org.nnj.optimizers.adagrad.AdagradProvider;
import org.nnj.optimizers.adam.AdamProvider;
import org.nnj.optimizers.adam.AdamWProvider;
import org.nnj.optimizers.adam.AdamaxProvider;
import org.nnj.optimizers.adam.NAdamProvider;
import org.nnj.optimizers.rmsprop.RmsPropProvider;
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
    void everyOtherOptimizerKeepsTheOptimizerContract() {
        OptimizerContract.of(new SgdProvider(), Config.parse("lr=0.05,momentum=0.9,nesterov=true,weight_decay=0.01"))
                .checkAll();
        OptimizerContract.of(new AdagradProvider(), Config.parse("lr=0.1,lr_decay=0.01,initial_accumulator_value=0.1"))
                .checkAll();
        OptimizerContract.of(new RmsPropProvider(), Config.parse("lr=0.01")).checkAll();
        OptimizerContract.of(new RmsPropProvider(), Config.parse("lr=0.01,momentum=0.5,centered=true")).checkAll();
        OptimizerContract.of(new AdadeltaProvider(), Config.empty()).checkAll();
        OptimizerContract.of(new AdamProvider(), Config.parse("lr=0.01,amsgrad=true,weight_decay=0.01")).checkAll();
        OptimizerContract.of(new AdamWProvider(), Config.parse("lr=0.01")).checkAll();
        OptimizerContract.of(new AdamaxProvider(), Config.parse("lr=0.01")).checkAll();
        OptimizerContract.of(new NAdamProvider(), Config.parse("lr=0.01")).checkAll();
    }

    @Test
    void theServiceFilesAndTheModuleDescriptorDeclareTheSameProviders() {
        ServiceDeclarations.assertAgree(AdamProvider.class);
    }
}
