package org.nnj.examples.vision;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.model.InferencePass;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.ProgressBar;
import org.nnj.core.train.Trainer;
import org.nnj.core.train.TrainingHistory;
import org.nnj.examples.train.ModelCatalog;

/**
 * Training a model of the {@link ModelCatalog} on Fashion-MNIST images, and predicting classes with it: what
 * the vision demos share. Images are kept as {@code [1, 28, 28]}; a model that takes flat vectors gets them
 * flattened.
 */
final class CatalogModels {
    private CatalogModels() {
    }

    /** The training settings of a demo. */
    record Settings(int epochs, int batchSize, double learningRate, long seed) {
    }

    /**
     * Builds catalog model {@code name} and trains it on {@code train} with Adam and softmax cross-entropy,
     * showing a progress bar and one summary line.
     */
    static Sequential train(String name, Registries registries, ComputeBackend backend, InMemoryDataset train,
                            Settings settings, PrintWriter out) {
        Sequential model = ModelCatalog.build(name, registries, settings.seed());
        out.printf("training %s (%s, %,d parameters) on %,d images for %d epoch%s...%n", name,
                ModelCatalog.get(name).description(), model.parameterCount(), train.size(), settings.epochs(),
                settings.epochs() == 1 ? "" : "s");
        out.flush();
        Trainer trainer = Trainer.builder()
                .model(model)
                .loss(registries.loss("softmax_cross_entropy", Config.empty()))
                .optimizer(registries.optimizer("adam", Config.of("lr", settings.learningRate())))
                .backend(backend)
                .batchSize(settings.batchSize())
                .epochs(settings.epochs())
                .seed(settings.seed())
                .listener(new ProgressBar(new PrintStream(System.out, true)))
                .build();
        long start = System.nanoTime();
        TrainingHistory history = trainer.fit(forModel(train, model));
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("trained %s: %s in %.1f s, final training accuracy %.4f%n%n", name,
                org.nnj.examples.Text.count(history.epochs().size(), "epoch"),
                seconds, history.last().trainingAccuracy());
        out.flush();
        return model;
    }

    /** {@code data} with the feature shape {@code model} takes (flat for an MLP). */
    static InMemoryDataset forModel(InMemoryDataset data, Sequential model) {
        return data.featureShape().equals(model.inputShape()) ? data : data.withFeatureShape(model.inputShape());
    }

    /** The class predicted for each of the {@code n} images in {@code images} (each {@code imageSize} floats). */
    static int[] predict(Sequential model, ComputeBackend backend, float[] images, int n) {
        int size = model.inputShape().size();
        int[] classes = new int[n];
        InferencePass pass = model.newInferencePass(backend);
        int batch = 256;
        for (int from = 0; from < n; from += batch) {
            int rows = Math.min(batch, n - from);
            Tensor x = Tensor.wrap(images, from * size, model.inputShape().withBatch(rows));
            Tensor logits = pass.run(x);
            int outputs = logits.dim(1);
            for (int r = 0; r < rows; r++) {
                int best = 0;
                for (int c = 1; c < outputs; c++) {
                    if (logits.get(r, c) > logits.get(r, best)) {
                        best = c;
                    }
                }
                classes[from + r] = best;
            }
        }
        return classes;
    }

    /** All features of {@code data} in one array, example after example. */
    static float[] features(InMemoryDataset data) {
        int size = data.featureShape().size();
        float[] all = new float[data.size() * size];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, all, i * size);
        }
        return all;
    }

    /** The labels of {@code data}. */
    static int[] labels(InMemoryDataset data) {
        int[] labels = new int[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(i);
        }
        return labels;
    }

    /** The first {@code limit} examples, or all when {@code limit} is 0 or larger than the set. */
    static InMemoryDataset limit(InMemoryDataset data, int limit) {
        return limit > 0 && limit < data.size() ? data.subset(0, limit) : data;
    }
}
