package org.nnj.layers;

import org.junit.jupiter.api.Test;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.testkit.ActivationContract;
import org.nnj.testkit.LayerContract;
import org.nnj.testkit.LossContract;
import org.nnj.testkit.ServiceDeclarations;
import org.nnj.layers.activation.ActivationLayerProvider;
import org.nnj.layers.activation.EluProvider;
import org.nnj.layers.activation.GeluProvider;
import org.nnj.layers.activation.IdentityProvider;
import org.nnj.layers.activation.LeakyReluProvider;
import org.nnj.layers.activation.LogSoftmaxProvider;
import org.nnj.layers.activation.ReluProvider;
import org.nnj.layers.activation.SeluProvider;
import org.nnj.layers.activation.SigmoidProvider;
import org.nnj.layers.activation.SoftmaxProvider;
import org.nnj.layers.activation.SoftplusProvider;
import org.nnj.layers.activation.TanhProvider;
import org.nnj.layers.dense.DenseProvider;
import org.nnj.layers.loss.BinaryCrossEntropyProvider;
import org.nnj.layers.loss.BinaryCrossEntropyWithLogitsProvider;
import org.nnj.layers.loss.MeanSquaredErrorProvider;
import org.nnj.layers.loss.NegativeLogLikelihoodProvider;
import org.nnj.layers.loss.SoftmaxCrossEntropyProvider;

/** The test kit that plugin authors use, run on the built-in plugins: they keep the same contract. */
class BuiltInContractsTest {

    @Test
    void denseKeepsTheLayerContract() {
        LayerContract.of(new DenseProvider(), Config.of("units", 4), Shape.of(5)).checkAll();
        LayerContract.of(new DenseProvider(), Config.of("units", 3, "bias", false, "init", "he"), Shape.of(6))
                .checkAll();
    }

    @Test
    void theActivationLayerKeepsTheLayerContract() {
        LayerContract.of(new ActivationLayerProvider(), Config.of("function", "tanh"), Shape.of(2, 3)).checkAll();
        LayerContract.of(new ActivationLayerProvider(), Config.of("function", "leaky_relu", "alpha", 0.2),
                Shape.of(7)).checkAll();
        LayerContract.of(new ActivationLayerProvider(), Config.of("function", "log_softmax"), Shape.of(2, 5))
                .checkAll();
    }

    @Test
    void everyActivationKeepsTheActivationContract() {
        ActivationContract.of(new ReluProvider(), Config.empty()).checkAll();
        ActivationContract.of(new LeakyReluProvider(), Config.of("alpha", 0.1)).checkAll();
        ActivationContract.of(new SigmoidProvider(), Config.empty()).checkAll();
        ActivationContract.of(new TanhProvider(), Config.empty()).checkAll();
        ActivationContract.of(new SoftmaxProvider(), Config.empty()).checkAll();
        ActivationContract.of(new IdentityProvider(), Config.empty()).checkAll();
        ActivationContract.of(new LogSoftmaxProvider(), Config.empty()).checkAll();
        ActivationContract.of(new EluProvider(), Config.empty()).checkAll();
        ActivationContract.of(new EluProvider(), Config.of("alpha", 0.5)).checkAll();
        ActivationContract.of(new SeluProvider(), Config.empty()).checkAll();
        ActivationContract.of(new GeluProvider(), Config.empty()).checkAll();
        ActivationContract.of(new GeluProvider(), Config.of("approximate", "tanh")).checkAll();
        ActivationContract.of(new SoftplusProvider(), Config.empty()).checkAll();
        ActivationContract.of(new SoftplusProvider(), Config.of("beta", 2.0, "threshold", 5.0)).checkAll();
    }

    @Test
    void everyLossKeepsTheLossContract() {
        LossContract.of(new SoftmaxCrossEntropyProvider(), Config.empty(), LossContract.oneHot(4, 5, 1L)).checkAll();
        LossContract.of(new BinaryCrossEntropyWithLogitsProvider(), Config.empty(), LossContract.oneHot(3, 4, 2L))
                .checkAll();
        LossContract.of(new BinaryCrossEntropyWithLogitsProvider(), Config.empty(),
                Tensor.of(new float[] {0.1f, 0.9f, 0.5f, 0f, 1f, 0.25f}, 2, 3)).checkAll();
        LossContract.of(new MeanSquaredErrorProvider(), Config.empty(), LossContract.oneHot(4, 3, 3L)).checkAll();
        LossContract.of(new NegativeLogLikelihoodProvider(), Config.empty(), LossContract.oneHot(4, 5, 4L)).checkAll();
        LossContract.of(new NegativeLogLikelihoodProvider(), Config.empty(),
                Tensor.of(new float[] {0.5f, 0.5f, 0f, 0.1f, 0.2f, 0.7f}, 2, 3)).checkAll();
        // bce takes probabilities: predictions inside (0, 1), the gradient check's epsilon (1e-2) from the ends.
        LossContract.of(new BinaryCrossEntropyProvider(), Config.empty(), LossContract.oneHot(3, 4, 5L))
                .predictionRange(0.05, 0.95).checkAll();
        LossContract.of(new BinaryCrossEntropyProvider(), Config.empty(),
                Tensor.of(new float[] {0.1f, 0.9f, 0.5f, 0f, 1f, 0.25f}, 2, 3)).predictionRange(0.05, 0.95).checkAll();
        LossContract.of(new MeanSquaredErrorProvider(), Config.empty(),
                Tensor.of(new float[] {0.5f, -1f, 2f, 0f, 1.5f, -0.25f, 3f, -2f}, 2, 2, 2)).checkAll();
    }

    @Test
    void theServiceFilesAndTheModuleDescriptorDeclareTheSameProviders() {
        ServiceDeclarations.assertAgree(DenseProvider.class);
    }
}
