package org.nnj.examples.vision;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.model.CallContext;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.examples.PluginOptions;
import org.nnj.examples.BackendOptions;
import org.nnj.examples.Checks;
import org.nnj.examples.render.ImageGrid;
import org.nnj.examples.render.Png;
import org.nnj.examples.render.Tile;
import org.nnj.examples.train.FashionMnistSource;
import org.nnj.examples.train.ModelCatalog;
import org.nnj.layers.activation.ActivationLayer;
import org.nnj.layers.conv.Conv2d;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains a CNN briefly and draws what it learnt: the first convolution's filters, and the activation maps of
 * every convolution for one test image.
 */
@Command(name = "feature-maps",
        mixinStandardHelpOptions = true,
        description = {
            "Train a CNN briefly and draw its filters and activation maps.",
            "",
            "After training on Fashion-MNIST it writes under --out: input.png (one test image),",
            "filters.png (the first convolution's filters, red positive, blue negative) and, for every",
            "convolution, activations-layer<i>.png (its output for that image, after its activation).",
            "The defaults are quick, on the subset shipped with NNJ."
        })
public final class FeatureMapsCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "NAME",
            description = "A convolutional model of the catalog: cnn or lenet (default: ${DEFAULT-VALUE}).")
    String model = "cnn";

    @Option(names = "--data", paramLabel = "DIR",
            description = "A directory with the four Fashion-MNIST IDX files; default: the shipped subset.")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 1;

    @Option(names = "--limit", paramLabel = "N",
            description = "Train on the first N training images only, 0 for all (default: ${DEFAULT-VALUE}: quick"
                    + " even on the scalar backend, and enough for the filters to take shape).")
    int trainLimit = 2000;

    /** The old name of {@code --limit}. */
    @Option(names = "--train-limit", hidden = true)
    void oldLimit(int n) {
        trainLimit = n;
    }

    @Option(names = "--image", paramLabel = "INDEX", description = "The test image to show (default: ${DEFAULT-VALUE}).")
    int image;

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 1e-3;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the files (default: ${DEFAULT-VALUE}).")
    Path outDir = Path.of("reports", "feature-maps");

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Checks.of(spec).positive("--epochs", epochs).atLeast("--limit", trainLimit, 0).atLeast("--image", image, 0)
                .positive("--batch", batchSize).positive("--lr", learningRate).inputDirectory("--data", data)
                .outputDirectory("--out", outDir);
        backendOptions.check();
        PrintWriter out = spec.commandLine().getOut();
        Registries registries = PluginOptions.registries(spec);
        Sequential probe = ModelCatalog.build(model, registries, seed);
        if (probe.layers().stream().noneMatch(l -> l instanceof Conv2d)) {
            throw Checks.of(spec).fail("--model", "model '" + model + "' has no convolution to show; use cnn or lenet");
        }
        ComputeBackend backend = backendOptions.create(registries);
        FashionMnistSource source = new FashionMnistSource(data);
        InMemoryDataset train = CatalogModels.limit(source.load("train", false), trainLimit);
        InMemoryDataset test = source.load("t10k", false);
        if (image < 0 || image >= test.size()) {
            throw Checks.of(spec).fail("--image", "must be between 0 and " + (test.size() - 1) + ", got " + image);
        }
        out.printf("data: %s; backend: %s%n%n", source.describe(), backend.description());
        Sequential net = CatalogModels.train(model, registries, backend, train,
                new CatalogModels.Settings(epochs, batchSize, learningRate, seed), out);

        Shape imageShape = test.featureShape();
        float[] pixels = new float[imageShape.size()];
        test.copyFeatures(image, pixels, 0);
        String label = FashionMnist.CLASS_NAMES.get(test.label(image));
        int predicted = CatalogModels.predict(net, backend, pixels, 1)[0];
        String what = "test image #" + image + ": " + label + ", predicted " + FashionMnist.CLASS_NAMES.get(predicted);

        List<Path> written = new ArrayList<>();
        Path input = outDir.resolve("input.png");
        Png.write(ImageGrid.builder("Input of " + model + "\n" + what).scale(8)
                .render(List.of(new Tile(pixels, imageShape.dim(1), imageShape.dim(2), label))), input);
        written.add(input);

        // Run the layers one by one on the image, keeping every output.
        List<Layer> layers = net.layers();
        List<Tensor> outputs = new ArrayList<>();
        Tensor x = Tensor.wrap(pixels, imageShape.withBatch(1));
        for (Layer layer : layers) {
            x = layer.forward(x, CallContext.inference(backend)).copy();
            outputs.add(x);
        }
        boolean first = true;
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof Conv2d)) {
                continue;
            }
            Conv2d conv = (Conv2d) layers.get(i);
            if (first) {
                Path filters = outDir.resolve("filters.png");
                Png.write(ConvImages.filters(conv.weight().value(), i), filters);
                written.add(filters);
                first = false;
            }
            // Show the maps after the activation that follows, when there is one: what the next layer sees.
            boolean activated = i + 1 < layers.size() && layers.get(i + 1) instanceof ActivationLayer;
            Tensor maps = outputs.get(activated ? i + 1 : i);
            String after = activated ? ", after " + ((ActivationLayer) layers.get(i + 1)).activation().type() : "";
            Path file = outDir.resolve("activations-layer" + i + ".png");
            Png.write(ConvImages.maps(maps, "Layer " + i + ": " + conv + after + "\n" + what), file);
            written.add(file);
        }
        out.printf("%s: %s%n", model, what);
        for (Path p : written) {
            out.println("wrote " + p);
        }
        out.flush();
        return 0;
    }
}
