import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.model.InferencePass;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.TrainingPass;
import org.nnj.core.registry.Registries;
import org.nnj.examples.train.ModelCatalog;
import org.nnj.simd.SimdBackend;

/**
 * One model of ModelCatalog on the SIMD backend, loaded by StepAB once per build: each call runs one step
 * (an inference pass, or a training step: forward, softmax cross-entropy, backward, Adam lr 1e-3) on fixed
 * random images and returns its thread CPU time on one thread, its wall time on more, in nanoseconds.
 */
public class StepRunner implements LongSupplier {
    private final ThreadMXBean clock = ManagementFactory.getThreadMXBean();
    private final boolean cpuTime;
    private final boolean infer;
    private final ComputeBackend backend;
    private final Sequential net;
    private final InferencePass inference;
    private final TrainingPass training;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Tensor images;
    private final Tensor targets;
    private final Tensor gradient;
    private long step;

    public StepRunner(String model, int threads, int batch, boolean infer) {
        this.cpuTime = threads == 1;
        this.infer = infer;
        backend = new SimdBackend(threads);
        Registries registries = Registries.fromServiceLoader();
        net = ModelCatalog.build(model, registries, 42);
        loss = registries.loss("softmax_cross_entropy", Config.empty());
        optimizer = registries.optimizer("adam", Config.of("lr", 1e-3));
        training = net.newTrainingPass(backend);
        inference = net.newInferencePass(backend);
        SplittableRandom random = new SplittableRandom(7);
        images = Tensor.zeros(net.inputShape().withBatch(batch));
        for (int i = 0; i < images.size(); i++) {
            images.setFlat(i, (float) random.nextDouble());
        }
        int classes = net.outputShape().size();
        targets = Tensor.zeros(batch, classes);
        for (int i = 0; i < batch; i++) {
            targets.set(1f, i, random.nextInt(classes));
        }
        gradient = Tensor.zeros(net.outputShape().withBatch(batch));
    }

    @Override
    public long getAsLong() {
        long t0 = now();
        if (infer) {
            inference.run(images);
        } else {
            zeroGradients();
            Tensor logits = training.forward(images, step++);
            loss.compute(backend, logits, targets, gradient);
            training.backward(gradient);
            optimizer.step(backend, net.parameters());
        }
        return now() - t0;
    }

    /**
     * As the training loop zeroes them: {@code zeroGradients(backend)} (the backend's threads) in builds that
     * have it, else {@code zeroGradients()}, so that a build before that change can be compared with one after.
     */
    private void zeroGradients() {
        try {
            if (ZERO_WITH_BACKEND == null) {
                net.zeroGradients();
            } else {
                ZERO_WITH_BACKEND.invoke(net, backend);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Sequential.zeroGradients(ComputeBackend)} in this build, or null. */
    private static final java.lang.reflect.Method ZERO_WITH_BACKEND = zeroWithBackend();

    private static java.lang.reflect.Method zeroWithBackend() {
        try {
            return Sequential.class.getMethod("zeroGradients", ComputeBackend.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** A hash of the bits of an inference pass's output, so that two builds can be shown to agree. */
    public int outputHash() {
        Tensor out = inference.run(images);
        int h = 0;
        for (int i = 0; i < out.size(); i++) {
            h = 31 * h + Float.floatToRawIntBits(out.getFlat(i));
        }
        return h;
    }

    private long now() {
        return cpuTime ? clock.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
