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
import org.openjdk.jmh.annotations.AuxCounters;
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
 * One training step (zero gradients, forward, softmax cross-entropy, backward, Adam with lr 1e-3) of the
 * models of {@code ./nn train} at batch 64, and one inference pass at batch 1, 64 and 1000: the same work
 * per step as the PyTorch script {@code nn-bench/torch/side_by_side.py}, so the two can be compared side by
 * side ({@code nn-bench/side-by-side} runs both).
 *
 * <p>Training always runs at batch 64, the batch of the models' recipes and of the figures in
 * docs/PERFORMANCE.md, so that its results stay comparable from one run to the next; only inference takes
 * the {@code batch} parameter. The two benchmarks therefore read separate states: {@link Training} has no
 * {@code batch}, {@link Inference} adds it, and JMH does not multiply the training runs by the batch sizes.
 *
 * <p>How to read it: one operation is one batch; the {@code images} counter is images per second directly
 * (the score times the batch). The input is random data of the model's input shape with random classes;
 * the speed of a step does not depend on the values.
 *
 * <pre>
 * java -jar nn-bench/target/benchmarks.jar TrainStepBenchmark -p model=lenet -p impl=simd -p threads=1
 * java -jar nn-bench/target/benchmarks.jar 'TrainStepBenchmark.inference' -p batch=1,1000
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"}, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainStepBenchmark {
    /** The batch of the training step: the models' recipes train at 64. */
    static final int TRAINING_BATCH = 64;

    /** What both benchmarks vary: the model, the backend and its thread count. */
    @State(Scope.Benchmark)
    public abstract static class ModelState {
        @Param({"mlp", "lenet", "cnn"})
        public String model;

        @Param({"scalar", "simd"})
        public String impl;

        @Param({"1", "2"})
        public int threads;

        ComputeBackend backend;
        Registries registries;
        Sequential net;

        /** The backend and the model, initialised from seed 42 as {@code ./nn train} does. */
        void build() {
            backend = switch (impl) {
                case "scalar" -> new ScalarBackend(threads);
                case "simd" -> new SimdBackend(threads);
                default -> throw new IllegalArgumentException("unknown impl '" + impl + "': scalar or simd");
            };
            registries = Registries.fromServiceLoader();
            net = ModelCatalog.build(model, registries, 42);
        }

        /** Random pixels in [0, 1) for {@code batch} images of the model's input shape. */
        Tensor randomImages(SplittableRandom random, int batch) {
            Tensor images = Tensor.zeros(net.inputShape().withBatch(batch));
            for (int i = 0; i < images.size(); i++) {
                images.setFlat(i, (float) random.nextDouble());
            }
            return images;
        }
    }

    /** A training step's model, loss, optimizer and one batch of 64 images with one-hot classes. */
    public static class Training extends ModelState {
        Loss loss;
        Optimizer optimizer;
        TrainingPass pass;
        Tensor images;
        Tensor targets;
        Tensor gradient;
        long step;

        @Setup(Level.Trial)
        public void setUp() {
            build();
            loss = registries.loss("softmax_cross_entropy", Config.empty());
            optimizer = registries.optimizer("adam", Config.of("lr", 1e-3));
            pass = net.newTrainingPass(backend);
            SplittableRandom random = new SplittableRandom(7);
            images = randomImages(random, TRAINING_BATCH);
            int classes = net.outputShape().size();
            targets = Tensor.zeros(TRAINING_BATCH, classes);
            for (int i = 0; i < TRAINING_BATCH; i++) {
                targets.set(1f, i, random.nextInt(classes));
            }
            gradient = Tensor.zeros(net.outputShape().withBatch(TRAINING_BATCH));
        }
    }

    /** An inference pass and one batch of {@code batch} images. */
    public static class Inference extends ModelState {
        @Param({"1", "64", "1000"})
        public int batch;

        InferencePass pass;
        Tensor images;

        @Setup(Level.Trial)
        public void setUp() {
            build();
            pass = net.newInferencePass(backend);
            images = randomImages(new SplittableRandom(7), batch);
        }
    }

    /** Images done, reported by JMH as a rate: images per second without multiplying the score by hand. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long images;

        @Setup(Level.Iteration)
        public void reset() {
            images = 0;
        }
    }

    @Benchmark
    public float trainStep(Training s, Counters counters) {
        s.net.zeroGradients(s.backend);
        Tensor logits = s.pass.forward(s.images, s.step++);
        float value = s.loss.compute(s.backend, logits, s.targets, s.gradient);
        s.pass.backward(s.gradient);
        s.optimizer.step(s.backend, s.net.parameters());
        counters.images += TRAINING_BATCH;
        return value;
    }

    @Benchmark
    public Tensor inference(Inference s, Counters counters) {
        Tensor out = s.pass.run(s.images);
        counters.images += s.batch;
        return out;
    }
}
