package org.nnj.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Tensor;

/** The state of {@link EarlyStopping} during one run: the best loss so far, and a copy of its weights. */
final class EarlyStoppingMonitor {
    private final EarlyStopping rule;
    private final List<Parameter> parameters;
    private final List<Tensor> bestWeights = new ArrayList<>();
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int lastEpoch;
    private int epochsWithoutImprovement;
    /** False when the best epoch ran before a resume, so its weights were never seen by this monitor. */
    private boolean bestWeightsHeld;

    EarlyStoppingMonitor(EarlyStopping rule, List<Parameter> parameters) {
        this.rule = rule;
        this.parameters = parameters;
        if (rule.restoreBestWeights()) {
            for (Parameter p : parameters) {
                bestWeights.add(Tensor.zeros(p.shape()));
            }
        }
    }

    /** Records an epoch's monitored loss; true when the run should stop. A NaN loss never improves. */
    boolean shouldStop(int epoch, double loss) {
        if (record(epoch, loss)) {
            for (int i = 0; i < bestWeights.size(); i++) {
                bestWeights.get(i).copyFrom(parameters.get(i).value());
            }
            bestWeightsHeld = true;
            return false;
        }
        return epochsWithoutImprovement >= rule.patience();
    }

    /**
     * Records an epoch of the run before a resume, from its history: the patience count continues, but the
     * weights of that epoch are gone, so it cannot be restored.
     */
    void replay(int epoch, double loss) {
        if (record(epoch, loss)) {
            bestWeightsHeld = false;
        }
    }

    /** Counts the epoch; true when it improved on the best loss. */
    private boolean record(int epoch, double loss) {
        lastEpoch = epoch;
        if (loss < bestLoss - rule.minDelta()) {
            bestLoss = loss;
            bestEpoch = epoch;
            epochsWithoutImprovement = 0;
            return true;
        }
        epochsWithoutImprovement++;
        return false;
    }

    /**
     * Puts back the best epoch's weights if the rule says so and the model does not already hold them;
     * returns that epoch when it did.
     */
    OptionalInt restoreBest() {
        if (!rule.restoreBestWeights() || !bestWeightsHeld || bestEpoch == lastEpoch) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < bestWeights.size(); i++) {
            parameters.get(i).value().copyFrom(bestWeights.get(i));
        }
        return OptionalInt.of(bestEpoch);
    }
}
