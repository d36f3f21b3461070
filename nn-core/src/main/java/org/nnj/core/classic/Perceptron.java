package org.nnj.core.classic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nnj.api.ConfigException;
import org.nnj.api.DataFormatException;
import org.nnj.api.ShapeException;

/**
 * Rosenblatt's perceptron (1958): one neuron with a threshold, trained by the perceptron learning rule,
 * not by gradient descent.
 *
 * <h2>Model</h2>
 * Weights {@code w} (one per input) and a bias {@code b}; the prediction for an input {@code x} is the
 * step function of the weighted sum, with classes 0 and 1:
 * <pre>
 *   predict(x) = 1  if w·x + b &gt; 0
 *                0  otherwise</pre>
 *
 * <h2>The learning rule</h2>
 * Start from {@code w = 0, b = 0} and go through the examples, epoch after epoch. For each example
 * {@code (x, t)}, compute {@code y = predict(x)}; if it is wrong, move the boundary towards classifying it
 * right:
 * <pre>
 *   w += lr * (t - y) * x
 *   b += lr * (t - y)</pre>
 * ({@code t - y} is +1 when a 1 was missed and -1 when a 0 was taken for a 1; right answers change
 * nothing). Training stops after the first epoch without a mistake (it has <em>converged</em>: every
 * example is classified right) or after {@code maxEpochs}. Since the weights start at zero, the learning
 * rate only scales them: any {@code lr > 0} makes the same predictions.
 *
 * <h2>Convergence theorem</h2>
 * Novikoff (1962): if some weights {@code u} (with bias, as one vector of length 1 over the inputs
 * extended by a constant 1) classify every example right with a margin {@code γ > 0}, and every extended
 * input has length at most {@code R}, the rule makes at most {@code (R / γ)²} mistakes in total, in
 * whatever order it sees the examples. So on linearly separable data it always converges. On data that
 * no line (hyperplane) separates, such as XOR, it never does: the weights keep cycling, which is why
 * {@code maxEpochs} is needed and why Minsky and Papert's 1969 book turned the field to multi-layer
 * networks.
 *
 * <pre>{@code
 * float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
 * Perceptron p = new Perceptron(2);
 * PerceptronResult r = p.train(x, new int[] {0, 0, 0, 1}, 100);   // AND
 * r.converged();   // true
 * p.predict(new float[] {1, 1});   // 1
 * }</pre>
 *
 * <p>Not thread-safe while training; {@link #predict} may be called from many threads once it is done.
 */
public final class Perceptron {
    private final int inputSize;
    private final float learningRate;
    private final float[] weights;
    private float bias;

    /** A perceptron over {@code inputSize} inputs with learning rate 1. */
    public Perceptron(int inputSize) {
        this(inputSize, 1f);
    }

    /** A perceptron over {@code inputSize} inputs with the given learning rate ({@code > 0}). */
    public Perceptron(int inputSize, float learningRate) {
        if (inputSize < 1) {
            throw new ConfigException("perceptron: the input size must be at least 1, got " + inputSize);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new ConfigException("perceptron: the learning rate must be positive and finite, got " + learningRate);
        }
        this.inputSize = inputSize;
        this.learningRate = learningRate;
        this.weights = new float[inputSize];
    }

    /**
     * Trains from zero weights, visiting the examples in their given order in every epoch.
     *
     * @param inputs    one row of {@code inputSize} values per example
     * @param targets   the class of each example, 0 or 1
     * @param maxEpochs the most epochs to run, at least 1
     */
    public PerceptronResult train(float[][] inputs, int[] targets, int maxEpochs) {
        return train(inputs, targets, maxEpochs, null);
    }

    /** Like {@link #train(float[][], int[], int)}, visiting the examples in a new random order every epoch, drawn from {@code seed}. */
    public PerceptronResult train(float[][] inputs, int[] targets, int maxEpochs, long seed) {
        return train(inputs, targets, maxEpochs, new SplittableRandom(seed));
    }

    private PerceptronResult train(float[][] inputs, int[] targets, int maxEpochs, SplittableRandom random) {
        check(inputs, targets);
        if (maxEpochs < 1) {
            throw new ConfigException("perceptron: maxEpochs must be at least 1, got " + maxEpochs);
        }
        Arrays.fill(weights, 0f);
        bias = 0f;
        int[] order = new int[inputs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<Integer> errorsPerEpoch = new ArrayList<>();
        for (int epoch = 0; epoch < maxEpochs; epoch++) {
            if (random != null) {
                shuffle(order, random);
            }
            int errors = 0;
            for (int i : order) {
                int error = targets[i] - predict(inputs[i]); // +1, -1, or 0 when right
                if (error != 0) {
                    float step = learningRate * error;
                    for (int j = 0; j < inputSize; j++) {
                        weights[j] += step * inputs[i][j];
                    }
                    bias += step;
                    errors++;
                }
            }
            errorsPerEpoch.add(errors);
            if (errors == 0) {
                return new PerceptronResult(true, epoch + 1, errorsPerEpoch, weights, bias);
            }
        }
        return new PerceptronResult(false, maxEpochs, errorsPerEpoch, weights, bias);
    }

    /** The class of {@code x}: 1 if {@code w·x + b > 0}, else 0. */
    public int predict(float[] x) {
        if (x.length != inputSize) {
            throw new ShapeException("perceptron: input has " + x.length + " values, expected " + inputSize);
        }
        float sum = bias;
        for (int j = 0; j < inputSize; j++) {
            sum += weights[j] * x[j];
        }
        return sum > 0 ? 1 : 0;
    }

    /** The number of examples that {@link #predict} gets wrong. */
    public int countErrors(float[][] inputs, int[] targets) {
        check(inputs, targets);
        int errors = 0;
        for (int i = 0; i < inputs.length; i++) {
            errors += predict(inputs[i]) != targets[i] ? 1 : 0;
        }
        return errors;
    }

    public int inputSize() {
        return inputSize;
    }

    public float learningRate() {
        return learningRate;
    }

    /** A copy of the current weights. */
    public float[] weights() {
        return weights.clone();
    }

    public float bias() {
        return bias;
    }

    private void check(float[][] inputs, int[] targets) {
        if (inputs.length != targets.length) {
            throw new ShapeException("perceptron: " + inputs.length + " inputs but " + targets.length + " targets");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != inputSize) {
                throw new ShapeException("perceptron: input " + i + " has " + inputs[i].length
                        + " values, expected " + inputSize);
            }
            if (targets[i] != 0 && targets[i] != 1) {
                throw new DataFormatException("perceptron: target " + i + " is " + targets[i] + "; targets are 0 or 1");
            }
        }
    }

    /** Fisher-Yates. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
