package org.nnj.examples.train;

import java.util.List;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.examples.train.ModelCatalog.Entry;
import org.nnj.examples.train.Recipe.Schedule;

/**
 * The catalog's accuracy recipes: models and training settings that reach state-of-the-art accuracy for
 * their size on Fashion-MNIST without data augmentation, within 20 minutes of training on a 2-core machine.
 * Their figures, commands and wall times are in {@code docs/ACCURACY.md}.
 */
final class AccuracyRecipes {
    private AccuracyRecipes() {
    }

    static List<Entry> all() {
        return List.of(mlpWide(), cnnBn());
    }

    /** A wider MLP than {@code mlp}, regularised with dropout and decoupled weight decay, its rate annealed. */
    private static Entry mlpWide() {
        return new Entry("mlp-wide", "784-1024-512-10 multi-layer perceptron, ReLU, dropout 0.2 on the input"
                + " and 0.4 after each hidden layer", Shape.of(784),
                (b, act) -> b.add("dropout", Config.of("p", 0.2))
                        .add("dense", Config.of("units", 1024)).add(act, Config.empty())
                        .add("dropout", Config.of("p", 0.4))
                        .add("dense", Config.of("units", 512)).add(act, Config.empty())
                        .add("dropout", Config.of("p", 0.4))
                        .add("dense", Config.of("units", 10)),
                new Recipe(30, 128, "adamw", 1e-3, 0.05, Schedule.COSINE));
    }

    /** Three 3x3 convolutions with batch norm (no conv bias: the norm's shift replaces it), then dropout. */
    private static Entry cnnBn() {
        return new Entry("cnn-bn", "conv 3x3 32/64/128 same, each with batch norm, ReLU and max pool 2;"
                + " dropout 0.3, dense 256, ReLU, dropout 0.4, dense 10", Shape.of(1, 28, 28),
                (b, act) -> b.add("conv2d", conv(32)).add("batch_norm2d", Config.empty()).add(act, Config.empty())
                        .add("max_pool2d", Config.of("kernel", 2))
                        .add("conv2d", conv(64)).add("batch_norm2d", Config.empty()).add(act, Config.empty())
                        .add("max_pool2d", Config.of("kernel", 2))
                        .add("conv2d", conv(128)).add("batch_norm2d", Config.empty()).add(act, Config.empty())
                        .add("max_pool2d", Config.of("kernel", 2))
                        .add("flatten", Config.empty())
                        .add("dropout", Config.of("p", 0.3))
                        .add("dense", Config.of("units", 256)).add(act, Config.empty())
                        .add("dropout", Config.of("p", 0.4))
                        .add("dense", Config.of("units", 10)),
                new Recipe(15, 128, "adamw", 2e-3, 0.05, Schedule.COSINE));
    }

    private static Config conv(int filters) {
        return Config.of("filters", filters, "kernel", 3, "padding", "same", "bias", false);
    }
}
