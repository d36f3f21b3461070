package org.nnj.core.train;

import java.util.List;
import org.nnj.api.NnException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Parameter;
import org.nnj.api.loss.Loss;
import org.nnj.api.optim.Optimizer;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.data.Batch;
import org.nnj.core.data.DataLoader;
import org.nnj.core.data.Dataset;
import org.nnj.core.model.Seeds;
import org.nnj.core.model.Sequential;
import org.nnj.core.model.TrainingPass;

/**
 * Runs the epochs of one {@link Trainer#fit} call: owns the run's batch buffers, training pass, gradient
 * buffer and metrics (allocated once, reused by every step), and turns an epoch number into its
 * {@link EpochMetrics}.
 */
final class EpochRunner {
    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final ComputeBackend backend;
    private final Dataset train;
    private final long stepSeed;
    private final List<TrainingListener> listeners;
    private final DataLoader loader;
    private final TrainingPass pass;
    private final List<Parameter> parameters;
    private final MetricAccumulator metrics;
    private final Tensor gradient;
    private final Evaluator validator;
    private final GradientClipping clipping;
    private final int classes; // of the validation's confusion matrices: one output counts as two classes

    EpochRunner(Sequential model, Loss loss, Optimizer optimizer, ComputeBackend backend, Dataset train,
                int batchSize, long seed, boolean shuffle, Dataset validation, List<TrainingListener> listeners,
                GradientClipping clipping) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.backend = backend;
        this.train = train;
        this.stepSeed = Seeds.derive(seed, 1);
        this.listeners = listeners;
        DataLoader.Builder loaderSettings = DataLoader.builder(train, batchSize);
        if (shuffle) {
            loaderSettings.shuffle(Seeds.derive(seed, 0));
        }
        this.loader = loaderSettings.build();
        this.pass = model.newTrainingPass(backend);
        this.parameters = model.parameters();
        int rows = Math.min(batchSize, train.size());
        this.metrics = new MetricAccumulator(loss, backend, model.outputShape(), rows);
        this.gradient = Tensor.zeros(model.outputShape().withBatch(rows));
        this.validator = validation == null ? null : new Evaluator(model, loss, backend, validation, batchSize);
        this.clipping = clipping;
        int outputs = model.outputShape().size();
        this.classes = outputs == 1 ? 2 : outputs;
    }

    int stepsPerEpoch() {
        return loader.batchesPerEpoch();
    }

    /** Trains one epoch (from 1), validates, and returns what it achieved. */
    EpochMetrics run(int epoch) {
        long start = System.nanoTime();
        metrics.reset();
        long epochSeed = Seeds.derive(stepSeed, epoch);
        int steps = loader.batchesPerEpoch();
        int step = 0;
        // The loader's epochs count from 0, the trainer's from 1.
        for (Batch batch : loader.epoch(epoch - 1)) {
            step++;
            // The rate of this step's update: a per-step schedule (a listener) sets the next step's in onBatchEnd.
            double learningRate = optimizer.learningRate();
            float batchLoss = step(batch, Seeds.derive(epochSeed, step), epoch, step);
            int s = step;
            double running = metrics.meanLoss();
            StepMetrics stepMetrics = new StepMetrics(epoch, step, steps, running, metrics.accuracy(), batchLoss,
                    metrics.lastBatchAccuracy(), learningRate);
            for (TrainingListener l : listeners) {
                l.onBatchEnd(epoch, s, steps, running);
                l.onStep(stepMetrics);
            }
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        ConfusionMatrix confusion = validator == null ? null : new ConfusionMatrix(classes);
        EvaluationResult validated = validator == null ? null : validator.run(confusion);
        if (confusion != null) {
            listeners.forEach(l -> l.onValidation(epoch, confusion));
        }
        return new EpochMetrics(epoch, metrics.meanLoss(), metrics.accuracy(),
                validated == null ? Double.NaN : validated.loss(),
                validated == null ? Double.NaN : validated.accuracy(),
                trainSeconds > 0 ? train.size() / trainSeconds : Double.POSITIVE_INFINITY,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * One update from one mini-batch: zero gradients, forward, loss, backward, clipping, optimizer step; returns
     * the batch's loss before the update.
     */
    private float step(Batch batch, long seed, int epoch, int step) {
        model.zeroGradients(backend);
        Tensor output = pass.forward(batch.features(), seed);
        Tensor grad = gradient.slice(0, batch.size());
        float batchLoss = loss.compute(backend, output, batch.targets(), grad);
        // Checked before the update, so a diverging run leaves the last good weights in the model.
        checkFinite(batchLoss, epoch, step);
        // Before backward: a layer may reuse the output's buffer for its gradients.
        metrics.add(batchLoss, output, batch);
        pass.backward(grad);
        if (clipping != null) {
            double norm = clipping.apply(backend, parameters);
            if (!Double.isFinite(norm)) {
                throw new NnException("the gradient norm became " + norm + " at epoch " + epoch + ", step " + step
                        + " (the loss was " + batchLoss + "); lower the learning rate (now "
                        + optimizer.learningRate() + ") or check the data for NaN or infinite values");
            }
        }
        optimizer.step(backend, parameters);
        return batchLoss;
    }

    /** A NaN or infinite loss poisons every later step: stop with a message that says where it began. */
    private void checkFinite(float batchLoss, int epoch, int step) {
        if (!Float.isFinite(batchLoss)) {
            throw new NnException("the " + loss.type() + " loss became " + batchLoss + " at epoch " + epoch
                    + ", step " + step + "; lower the learning rate (now " + optimizer.learningRate()
                    + ") or check the data for NaN or infinite values");
        }
    }
}
