package org.nnj.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.backend.PaddingMode;
import org.nnj.api.layer.Layer;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.CallContext;
import org.nnj.layers.activation.ActivationLayer;
import org.nnj.layers.activation.Tanh;
import org.nnj.layers.conv.Conv2d;
import org.nnj.layers.conv.Conv2dPadding;
import org.nnj.layers.dense.Dense;
import org.nnj.layers.normalization.BatchNorm2d;
import org.nnj.layers.pooling.AvgPool2d;
import org.nnj.layers.pooling.MaxPool2d;
import org.nnj.layers.regularization.Dropout;
import org.nnj.layers.reshape.Flatten;

/**
 * Inference on one set of layers from several threads at once gives, bit for bit, what it gives from one
 * thread: the layers keep nothing per call in their fields.
 */
class ConcurrentInferenceTest {
    private static final int THREADS = 4;
    private static final int CALLS_PER_THREAD = 200;

    @Test
    void denseAndActivationFromFourThreadsMatchSequentialResults() throws Exception {
        ComputeBackend backend = new ScalarBackend();
        Dense dense = new Dense(32, 16, 1L);
        Layer tanh = new ActivationLayer(Shape.of(16), new Tanh());

        // Different inputs, and different batch sizes, for every call of every thread.
        SplittableRandom random = new SplittableRandom(2L);
        Tensor[][] inputs = new Tensor[THREADS][CALLS_PER_THREAD];
        float[][][] expected = new float[THREADS][CALLS_PER_THREAD][];
        for (int t = 0; t < THREADS; t++) {
            for (int c = 0; c < CALLS_PER_THREAD; c++) {
                int batch = 1 + random.nextInt(4);
                float[] x = new float[batch * 32];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) random.nextDouble(-2, 2);
                }
                inputs[t][c] = Tensor.of(x, batch, 32);
                expected[t][c] = run(dense, tanh, inputs[t][c], backend);
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<float[][]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Tensor[] mine = inputs[t];
                Callable<float[][]> task = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    float[][] out = new float[mine.length][];
                    for (int c = 0; c < mine.length; c++) {
                        out[c] = run(dense, tanh, mine[c], backend);
                    }
                    return out;
                };
                results.add(pool.submit(task));
            }
            for (int t = 0; t < THREADS; t++) {
                float[][] got = results.get(t).get(60, TimeUnit.SECONDS);
                for (int c = 0; c < CALLS_PER_THREAD; c++) {
                    assertArrayEquals(expected[t][c], got[c], "thread " + t + ", call " + c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One inference call, each layer with its own context, as a model would run it. */
    private static float[] run(Layer dense, Layer activation, Tensor x, ComputeBackend backend) {
        Tensor hidden = dense.forward(x, CallContext.inference(backend));
        return activation.forward(hidden, CallContext.inference(backend)).toArray();
    }

    @Test
    void convolutionalLayersFromFourThreadsMatchSequentialResults() throws Exception {
        ComputeBackend backend = new ScalarBackend(2);
        Shape image = Shape.of(1, 12, 12);
        Conv2d conv = Conv2d.builder(4).kernel(3).padding(Conv2dPadding.same()).paddingMode(PaddingMode.REFLECT)
                .build(image, 1L);
        Layer pool = new MaxPool2d(conv.outputShape(), 2);
        BatchNorm2d norm = new BatchNorm2d(pool.outputShape());
        norm.runningMean().fill(0.1f);
        norm.runningVar().fill(2f);
        Layer average = new AvgPool2d(norm.outputShape(), 2);
        Layer flatten = new Flatten(average.outputShape());
        Layer dropout = new Dropout(flatten.outputShape(), 0.5);
        Layer dense = new Dense(flatten.outputShape().size(), 5, 2L);
        List<Layer> layers = List.of(conv, pool, norm, average, flatten, dropout, dense);

        SplittableRandom random = new SplittableRandom(3L);
        int calls = 40;
        Tensor[][] inputs = new Tensor[THREADS][calls];
        float[][][] expected = new float[THREADS][calls][];
        for (int t = 0; t < THREADS; t++) {
            for (int c = 0; c < calls; c++) {
                int batch = 1 + random.nextInt(3);
                float[] x = new float[batch * image.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) random.nextDouble(-2, 2);
                }
                inputs[t][c] = Tensor.wrap(x, image.withBatch(batch));
                expected[t][c] = run(layers, inputs[t][c], backend);
            }
        }
        ExecutorService pool4 = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<float[][]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Tensor[] mine = inputs[t];
                results.add(pool4.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    float[][] out = new float[mine.length][];
                    for (int c = 0; c < mine.length; c++) {
                        out[c] = run(layers, mine[c], backend);
                    }
                    return out;
                }));
            }
            for (int t = 0; t < THREADS; t++) {
                float[][] got = results.get(t).get(60, TimeUnit.SECONDS);
                for (int c = 0; c < calls; c++) {
                    assertArrayEquals(expected[t][c], got[c], "thread " + t + ", call " + c);
                }
            }
        } finally {
            pool4.shutdownNow();
        }
    }

    /** One inference call through {@code layers}, each with its own context, as a model would run it. */
    private static float[] run(List<Layer> layers, Tensor x, ComputeBackend backend) {
        Tensor h = x;
        for (Layer layer : layers) {
            h = layer.forward(h, CallContext.inference(backend));
        }
        return h.toArray();
    }
}
