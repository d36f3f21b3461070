package org.nnj.core.train;

import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.loss.Loss;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.data.Batch;
import org.nnj.core.data.DataLoader;
import org.nnj.core.data.Dataset;
import org.nnj.core.model.InferencePass;
import org.nnj.core.model.Sequential;

/**
 * Measures a model's loss and accuracy over one data set, in inference mode and in batches, without
 * gradients. Keeps its batch buffers and inference pass, so evaluating after every epoch allocates
 * nothing in steady state.
 */
final class Evaluator {
    private final Loss loss;
    private final ComputeBackend backend;
    private final DataLoader loader;
    private final InferencePass pass;
    private final MetricAccumulator metrics;

    Evaluator(Sequential model, Loss loss, ComputeBackend backend, Dataset data, int batchSize) {
        this.loss = loss;
        this.backend = backend;
        this.loader = DataLoader.builder(data, batchSize).build();
        this.pass = model.newInferencePass(backend);
        this.metrics = new MetricAccumulator(loss, backend, model.outputShape(), Math.min(batchSize, data.size()));
    }

    /** The loss and accuracy; with a {@code confusion} matrix (or null), every prediction counted into it too. */
    EvaluationResult run(ConfusionMatrix confusion) {
        metrics.reset();
        metrics.countInto(confusion);
        for (Batch batch : loader.epoch(0)) {
            Tensor output = pass.run(batch.features());
            metrics.add(loss.compute(backend, output, batch.targets(), null), output, batch);
        }
        metrics.countInto(null);
        return new EvaluationResult(metrics.meanLoss(), metrics.accuracy(), (int) metrics.samples());
    }
}
