package org.nnj.layers.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nnj.api.ProviderException;
import org.nnj.api.activation.Activation;
import org.nnj.api.config.Config;
import org.nnj.api.layer.BuildContext;
import org.nnj.api.spi.ActivationProvider;
import org.nnj.api.tensor.Shape;
import org.nnj.layers.activation.EluProvider;
import org.nnj.layers.activation.GeluProvider;
import org.nnj.layers.activation.IdentityProvider;
import org.nnj.layers.activation.LogSoftmaxProvider;
import org.nnj.layers.activation.LeakyReluProvider;
import org.nnj.layers.activation.ReluProvider;
import org.nnj.layers.activation.SeluProvider;
import org.nnj.layers.activation.SigmoidProvider;
import org.nnj.layers.activation.SoftmaxProvider;
import org.nnj.layers.activation.SoftplusProvider;
import org.nnj.layers.activation.TanhProvider;

/**
 * A {@link BuildContext} for tests, independent of nn-core's registries: the activation lookup is a map of
 * this module's activation providers.
 */
public record TestBuildContext(Shape inputShape, long seed, String layerName) implements BuildContext {

    /** The built-in activation providers by name. */
    public static final Map<String, ActivationProvider> ACTIVATIONS = List.of(
                    new SigmoidProvider(), new TanhProvider(), new ReluProvider(), new LeakyReluProvider(),
                    new SoftmaxProvider(), new IdentityProvider(), new EluProvider(), new SeluProvider(),
                    new GeluProvider(), new SoftplusProvider(), new LogSoftmaxProvider())
            .stream()
            .collect(Collectors.toUnmodifiableMap(ActivationProvider::name, Function.identity()));

    /** A context for the layer at index 0 of a model. */
    public static TestBuildContext of(Shape inputShape, long seed, String type) {
        return new TestBuildContext(inputShape, seed, "layer 0 (" + type + ")");
    }

    @Override
    public Activation activation(String name, Config config) {
        ActivationProvider provider = ACTIVATIONS.get(name);
        if (provider == null) {
            throw new ProviderException(layerName + ": unknown activation '" + name + "'; known activations are "
                    + new TreeMap<>(ACTIVATIONS).keySet());
        }
        return provider.create(config);
    }
}
