package org.nnj.bench.train;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.InferencePass;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.TrainingPass;
import org.nnj.core.registry.Registries;
import org.nnj.examples.train.ModelCatalog;
import org.nnj.simd.SimdBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (zero gradients, forward, softmax cross-entropy, backward, Adam with lr 1e-3) and one
 * inference pass of the models of {@code ./nn train} at batch 64: the same work per step as PyTorch's
 * {@code bench_train.py} in the team's anchors, so the two can be compared side by side.
 *
 * <p>One operation is one batch of 64 images: images per second = score x 64. The input is random data of
 * the model's input shape with random classes; the speed of a step does not depend on the values.
 *
 * <pre>
 * java -jar nn-bench/target/benchmarks.jar TrainStepBenchmark -p model=lenet -p impl=simd -p threads=1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"}, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainStepBenchmark {
    private static final int BATCH = 64;

    @Param({"mlp", "lenet", "cnn"})
    public String model;

    @Param({"scalar", "simd"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private ComputeBackend backend;
    private Sequential net;
    private Loss loss;
    private Optimizer optimizer;
    private TrainingPass training;
    private InferencePass inference;
    private Tensor images;
    private Tensor targets;
    private Tensor gradient;
    private long step;

    @Setup(Level.Trial)
    public void setUp() {
        backend = switch (impl) {
            case "scalar" -> new ScalarBackend(threads);
            case "simd" -> new SimdBackend(threads);
            default -> throw new IllegalArgumentException("unknown impl '" + impl + "': scalar or simd");
        };
        Registries registries = Registries.fromServiceLoader();
        net = ModelCatalog.build(model, registries, 42);
        loss = registries.loss("softmax_cross_entropy", Config.empty());
        optimizer = registries.optimizer("adam", Config.of("lr", 1e-3));
        training = net.newTrainingPass(backend);
        inference = net.newInferencePass(backend);

        SplittableRandom random = new SplittableRandom(7);
        images = Tensor.zeros(net.inputShape().withBatch(BATCH));
        for (int i = 0; i < images.size(); i++) {
            images.setFlat(i, (float) random.nextDouble());
        }
        int classes = net.outputShape().size();
        targets = Tensor.zeros(BATCH, classes);
        for (int i = 0; i < BATCH; i++) {
            targets.set(1f, i, random.nextInt(classes));
        }
        gradient = Tensor.zeros(net.outputShape().withBatch(BATCH));
    }

    @Benchmark
    public float trainStep() {
        net.zeroGradients();
        Tensor logits = training.forward(images, step++);
        float value = loss.compute(backend, logits, targets, gradient);
        training.backward(gradient);
        optimizer.step(backend, net.parameters());
        return value;
    }

    @Benchmark
    public Tensor inference() {
        return inference.run(images);
    }
}
