package org.nnj.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Parameter;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.BackendSelector;
import org.nnj.core.io.Architecture;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.TrainingPass;
import org.nnj.core.registry.Registries;

/**
 * An executor thread's copy of the model being trained: built once per thread and architecture (a task
 * then only loads the broadcast weights into it), with its training pass, loss and batch buffers. Spark
 * runs the tasks of one executor on several threads, so nothing here is shared between threads.
 */
final class Replica {
    /** The loss every NNJ classifier on Spark trains with: softmax + cross-entropy, mean over the batch. */
    static final String LOSS = "softmax_cross_entropy";

    private static final ThreadLocal<Map<String, Replica>> BY_ARCHITECTURE = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<ComputeBackend> BACKEND = new ThreadLocal<>();
    private static volatile Registries registries;

    final Sequential model;
    final List<Parameter> parameters;
    final ComputeBackend backend;
    final Loss loss;
    final TrainingPass pass;
    final int classes;
    private float[] featureBuffer = new float[0];
    private float[] targetBuffer = new float[0];
    private float[] gradientBuffer = new float[0];

    private Replica(String architectureJson) {
        Registries r = registries();
        this.model = Architecture.fromJson(architectureJson, "the broadcast architecture").build(r);
        this.parameters = model.parameters();
        this.backend = backend();
        this.loss = r.loss(LOSS, Config.empty());
        this.pass = model.newTrainingPass(backend);
        this.classes = model.outputShape().size();
    }

    /** The registries of this JVM, found once (ServiceLoader on the application's class path). */
    static Registries registries() {
        Registries r = registries;
        if (r == null) {
            r = Registries.fromServiceLoader();
            registries = r;
        }
        return r;
    }

    /**
     * This thread's compute backend, built once (and logged once) per thread: one compute thread per task,
     * since Spark already runs one task per core.
     */
    static ComputeBackend backend() {
        ComputeBackend b = BACKEND.get();
        if (b == null) {
            b = BackendSelector.select(registries().backends(), Config.of("threads", 1));
            BACKEND.set(b);
        }
        return b;
    }

    /** This thread's replica of {@code architectureJson}, with {@code weights} loaded. */
    static Replica of(String architectureJson, float[] weights) {
        Replica replica = BY_ARCHITECTURE.get().computeIfAbsent(architectureJson, Replica::new);
        FlatParameters.setValues(replica.parameters, weights);
        return replica;
    }

    /**
     * Forward and backward over rows {@code order[from..to)} of {@code block}; the loss gradient is scaled
     * by {@code scale} before the backward pass (so that a share's gradients are its part of the global
     * batch's mean), and the parameters' gradients are zeroed first. Adds the loss (times the rows) and
     * the number of correct predictions to {@code result}.
     */
    void gradient(PartitionBlock block, int[] order, int from, int to, float scale, long stepSeed, StepResult result) {
        int n = to - from;
        ensure(n);
        Tensor[] batch = block.share(order, from, to, model.inputShape(), featureBuffer, targetBuffer, classes);
        model.zeroGradients();
        Tensor output = pass.forward(batch[0], stepSeed);
        result.correct += correct(output, block, order, from, n);
        Tensor grad = Tensor.wrap(gradientBuffer, output.shape());
        float loss = this.loss.compute(backend, output, batch[1], grad);
        result.lossSum += (double) loss * n;
        result.rows += n;
        if (scale != 1f) {
            for (int i = 0; i < n * classes; i++) {
                gradientBuffer[i] *= scale;
            }
        }
        pass.backward(grad);
    }

    private int correct(Tensor output, PartitionBlock block, int[] order, int from, int n) {
        float[] out = output.data();
        int base = output.offset();
        int correct = 0;
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (out[base + r * classes + c] > out[base + r * classes + best]) {
                    best = c;
                }
            }
            if (best == block.labels[order[from + r]]) {
                correct++;
            }
        }
        return correct;
    }

    private void ensure(int rows) {
        int features = rows * model.inputShape().size();
        if (featureBuffer.length < features) {
            featureBuffer = new float[features];
        }
        if (targetBuffer.length < rows * classes) {
            targetBuffer = new float[rows * classes];
            gradientBuffer = new float[rows * classes];
        }
    }
}
