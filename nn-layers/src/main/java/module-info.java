/** The built-in layers, activations and losses: plugins that depend on nn-api alone. */
module org.nnj.layers {
    requires transitive org.nnj.api;

    exports org.nnj.layers.activation;
    exports org.nnj.layers.conv;
    exports org.nnj.layers.dense;
    exports org.nnj.layers.loss;
    exports org.nnj.layers.normalization;
    exports org.nnj.layers.padding;
    exports org.nnj.layers.pooling;
    exports org.nnj.layers.regularization;
    exports org.nnj.layers.reshape;
    exports org.nnj.layers.spatial;

    provides org.nnj.api.spi.LayerProvider with
            org.nnj.layers.dense.DenseProvider,
            org.nnj.layers.activation.ActivationLayerProvider,
            org.nnj.layers.conv.Conv2dProvider,
            org.nnj.layers.pooling.MaxPool2dProvider,
            org.nnj.layers.pooling.AvgPool2dProvider,
            org.nnj.layers.reshape.FlattenProvider,
            org.nnj.layers.regularization.DropoutProvider,
            org.nnj.layers.normalization.BatchNorm2dProvider,
            org.nnj.layers.padding.Pad2dProvider;
    provides org.nnj.api.spi.ActivationProvider with
            org.nnj.layers.activation.SigmoidProvider,
            org.nnj.layers.activation.TanhProvider,
            org.nnj.layers.activation.ReluProvider,
            org.nnj.layers.activation.LeakyReluProvider,
            org.nnj.layers.activation.SoftmaxProvider,
            org.nnj.layers.activation.IdentityProvider,
            org.nnj.layers.activation.LogSoftmaxProvider,
            org.nnj.layers.activation.EluProvider,
            org.nnj.layers.activation.SeluProvider,
            org.nnj.layers.activation.GeluProvider,
            org.nnj.layers.activation.SoftplusProvider;
    provides org.nnj.api.spi.LossProvider with
            org.nnj.layers.loss.MeanSquaredErrorProvider,
            org.nnj.layers.loss.BinaryCrossEntropyWithLogitsProvider,
            org.nnj.layers.loss.SoftmaxCrossEntropyProvider,
            org.nnj.layers.loss.NegativeLogLikelihoodProvider,
            org.nnj.layers.loss.BinaryCrossEntropyProvider;
}
