package org.nnj.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.TrainingPass;
import org.nnj.layers.loss.SoftmaxCrossEntropy;

/**
 * The convolutional layers work together in a model built by name: a small CNN with every new layer learns
 * to tell a horizontal bar from a vertical one at any position, which a gradient bug in any layer would stop.
 */
class CnnTrainingTest {

    /** An 8x8 image with a bar of length 4 at a random place: class 0 horizontal, class 1 vertical. */
    private static void bar(float[] x, int offset, int label, SplittableRandom random) {
        int a = random.nextInt(8);
        int b = random.nextInt(5);
        for (int k = 0; k < 4; k++) {
            int row = label == 0 ? a : b + k;
            int col = label == 0 ? b + k : a;
            x[offset + row * 8 + col] = 1f;
        }
        for (int i = 0; i < 64; i++) {
            x[offset + i] += (float) random.nextDouble(-0.1, 0.1);
        }
    }

    @Test
    void aSmallCnnLearnsBarOrientation() {
        ComputeBackend backend = new ScalarBackend();
        Sequential model = Sequential.builder(Shape.of(1, 8, 8)).seed(4L)
                .add("conv2d", Config.of("filters", 4, "kernel", 3, "padding", "same", "padding_mode", "reflect",
                        "init", "he"))
                .add("batch_norm2d", Config.empty())
                .add("relu", Config.empty())
                .add("max_pool2d", Config.of("kernel", 2))
                .add("conv2d", Config.of("filters", 4, "kernel", 3, "padding", 1, "padding_mode", "symmetric"))
                .add("relu", Config.empty())
                .add("avg_pool2d", Config.of("kernel", 2))
                .add("flatten", Config.empty())
                .add("dropout", Config.of("p", 0.1))
                .add("dense", Config.of("units", 2))
                .build();
        Loss loss = new SoftmaxCrossEntropy();
        TrainingPass pass = model.newTrainingPass(backend);
        SplittableRandom random = new SplittableRandom(5L);
        int batch = 16;
        for (int step = 0; step < 150; step++) {
            float[] x = new float[batch * 64];
            float[] y = new float[batch * 2];
            for (int i = 0; i < batch; i++) {
                int label = random.nextInt(2);
                bar(x, i * 64, label, random);
                y[i * 2 + label] = 1f;
            }
            model.zeroGradients();
            Tensor out = pass.forward(Tensor.of(x, batch, 1, 8, 8), step);
            Tensor grad = Tensor.zeros(out.shape());
            loss.compute(backend, out, Tensor.of(y, batch, 2), grad);
            pass.backward(grad);
            for (Parameter p : model.parameters()) {
                backend.axpy(p.size(), -0.1f, p.gradient().data(), p.gradient().offset(), p.value().data(),
                        p.value().offset());
            }
        }
        int correct = 0;
        int n = 200;
        float[] x = new float[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
            bar(x, i * 64, labels[i], random);
        }
        Tensor logits = model.predict(Tensor.of(x, n, 1, 8, 8), backend);
        for (int i = 0; i < n; i++) {
            int predicted = logits.get(i, 1) > logits.get(i, 0) ? 1 : 0;
            correct += predicted == labels[i] ? 1 : 0;
        }
        assertTrue(correct >= 0.95 * n, correct + " of " + n + " test bars classified correctly");
    }
}
