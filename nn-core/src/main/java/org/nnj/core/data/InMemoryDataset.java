package org.nnj.core.data;

import java.util.Arrays;
import java.util.Objects;
import org.nnj.api.ConfigException;
import org.nnj.api.DataFormatException;
import org.nnj.api.ShapeException;
import org.nnj.api.tensor.Shape;

/**
 * A {@link Dataset} held in memory: the features of all examples in one {@code float[]}, example after
 * example, and either an integer label per example (a classification set, whose targets are the one-hot
 * encoding of the label) or explicit float targets (a regression set).
 *
 * <pre>{@code
 * InMemoryDataset all = InMemoryDataset.classification(features, Shape.of(2), labels, 3);
 * InMemoryDataset.Split parts = all.split(0.2, 42);   // 20% for validation
 * DataLoader loader = DataLoader.builder(parts.train(), 32).shuffle(7).build();
 * }</pre>
 *
 * <p>Immutable: the factories copy the arrays they are given, and {@link #subset}, {@link #split} and
 * {@link #withFeatureShape} return views that share the (never written) storage, so they are cheap even
 * for a large set. Safe to read from many threads.
 */
public final class InMemoryDataset implements Dataset {
    private final float[] features;
    private final Shape featureShape;
    private final int featureSize;
    private final int[] labels;
    private final int classCount;
    private final float[] targets;
    private final Shape targetShape;
    private final int targetSize;
    /** The storage row of each example of this view, or null when example {@code i} is row {@code i}. */
    private final int[] rows;
    private final int size;

    private InMemoryDataset(float[] features, Shape featureShape, int[] labels, int classCount,
                            float[] targets, Shape targetShape, int[] rows, int size) {
        this.features = features;
        this.featureShape = featureShape;
        this.featureSize = featureShape.size();
        this.labels = labels;
        this.classCount = classCount;
        this.targets = targets;
        this.targetShape = targetShape;
        this.targetSize = targetShape.size();
        this.rows = rows;
        this.size = size;
    }

    /**
     * A classification set: {@code labels.length} examples, the features of example {@code i} at
     * {@code features[i * featureShape.size() ...]}, targets the one-hot encoding of the labels over
     * {@code classCount} classes. The arrays are copied.
     *
     * @throws ShapeException      if {@code features} does not hold exactly one feature block per label
     * @throws DataFormatException if a label lies outside {@code [0, classCount)} (the message names the example)
     * @throws ConfigException     if {@code classCount < 1}
     */
    public static InMemoryDataset classification(float[] features, Shape featureShape, int[] labels, int classCount) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        return wrapClassification(features.clone(), featureShape, labels.clone(), classCount);
    }

    /**
     * A regression set: the features and targets of example {@code i} at {@code i * featureShape.size()}
     * and {@code i * targetShape.size()}. The arrays are copied. {@link #label} is -1 and
     * {@link #classCount} 0.
     *
     * @throws ShapeException if the arrays do not hold the same number of examples, or a shape is empty
     */
    public static InMemoryDataset regression(float[] features, Shape featureShape, float[] targets, Shape targetShape) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(targetShape, "targetShape");
        checkPerSample("feature", featureShape);
        checkPerSample("target", targetShape);
        int n = exampleCount("targets", targets.length, targetShape);
        checkFeatures(features.length, featureShape, n);
        return new InMemoryDataset(features.clone(), featureShape, null, 0, targets.clone(), targetShape, null, n);
    }

    /**
     * Like {@link #classification} but takes ownership of the arrays instead of copying them: for loaders
     * in this package that build large arrays and drop them afterwards.
     */
    static InMemoryDataset wrapClassification(float[] features, Shape featureShape, int[] labels, int classCount) {
        checkPerSample("feature", featureShape);
        if (classCount < 1) {
            throw new ConfigException("a classification set needs at least one class, got classCount " + classCount);
        }
        checkFeatures(features.length, featureShape, labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new DataFormatException("label " + labels[i] + " of example " + i + " is outside [0, "
                        + classCount + ")");
            }
        }
        return new InMemoryDataset(features, featureShape, labels, classCount, null, Shape.of(classCount),
                null, labels.length);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Shape featureShape() {
        return featureShape;
    }

    @Override
    public Shape targetShape() {
        return targetShape;
    }

    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        System.arraycopy(features, row(index) * featureSize, dst, offset, featureSize);
    }

    @Override
    public void copyTarget(int index, float[] dst, int offset) {
        int row = row(index);
        if (labels != null) {
            Arrays.fill(dst, offset, offset + targetSize, 0f);
            dst[offset + labels[row]] = 1f;
        } else {
            System.arraycopy(targets, row * targetSize, dst, offset, targetSize);
        }
    }

    @Override
    public int label(int index) {
        int row = row(index);
        return labels == null ? -1 : labels[row];
    }

    @Override
    public int classCount() {
        return classCount;
    }

    /** True for a classification set (labels and one-hot targets), false for a regression set. */
    public boolean isClassification() {
        return labels != null;
    }

    /** A view of the examples {@code [from, to)} of this set. */
    public InMemoryDataset subset(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new ShapeException("subset [" + from + ", " + to + ") is out of range for a data set of "
                    + size + " examples");
        }
        int[] picked = new int[to - from];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = rowOf(from + i);
        }
        return view(picked, featureShape);
    }

    /**
     * A view of the examples at {@code indices} of this set, in that order. An index may appear more than
     * once (a bootstrap sample).
     */
    public InMemoryDataset subset(int[] indices) {
        int[] picked = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size) {
                throw new ShapeException("subset: indices[" + i + "] = " + indices[i]
                        + " is out of range for a data set of " + size + " examples");
            }
            picked[i] = rowOf(indices[i]);
        }
        return view(picked, featureShape);
    }

    /** A training and a validation part of one data set. */
    public record Split(InMemoryDataset train, InMemoryDataset validation) {
    }

    /**
     * Splits this set at random into a training and a validation part, {@code round(size *
     * validationFraction)} examples going to validation (as Keras' {@code validation_split}, but drawn at
     * random rather than from the end). The draw is a seeded permutation, so the same seed gives the same
     * split; within each part the examples keep their order in this set.
     *
     * @throws ConfigException if the fraction is not in {@code (0, 1)} or leaves a part empty
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new ConfigException("split: the validation fraction must be in (0, 1), got " + validationFraction);
        }
        long validationCount = Math.round(size * validationFraction);
        if (validationCount < 1 || validationCount > size - 1) {
            throw new ConfigException("split: a validation fraction of " + validationFraction + " of "
                    + size + " examples gives " + validationCount + " for validation and "
                    + (size - validationCount) + " for training; both parts need at least one");
        }
        int[] order = Permutations.shuffled(size, seed);
        int[] validation = Arrays.copyOfRange(order, 0, (int) validationCount);
        int[] train = Arrays.copyOfRange(order, (int) validationCount, size);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(subset(train), subset(validation));
    }

    /**
     * The same examples with another per-sample feature shape of the same size, for example {@code [784]}
     * for images of shape {@code [1, 28, 28]} that feed a dense layer.
     */
    public InMemoryDataset withFeatureShape(Shape shape) {
        Objects.requireNonNull(shape, "shape");
        if (shape.size() != featureSize) {
            throw new ShapeException("cannot view features of shape " + featureShape + " (" + featureSize
                    + " elements) as " + shape + " (" + shape.size() + " elements)");
        }
        return new InMemoryDataset(features, shape, labels, classCount, targets, targetShape, rows, size);
    }

    /** For example {@code InMemoryDataset[60000 examples, features [1, 28, 28], 10 classes]}. */
    @Override
    public String toString() {
        return "InMemoryDataset[" + size + " examples, features " + featureShape
                + (labels != null ? ", " + classCount + " classes]" : ", targets " + targetShape + "]");
    }

    private InMemoryDataset view(int[] picked, Shape shape) {
        return new InMemoryDataset(features, shape, labels, classCount, targets, targetShape, picked, picked.length);
    }

    private int row(int index) {
        return rowOf(Objects.checkIndex(index, size));
    }

    private int rowOf(int index) {
        return rows == null ? index : rows[index];
    }

    private static void checkPerSample(String what, Shape shape) {
        Objects.requireNonNull(shape, what + "Shape");
        if (shape.size() == 0) {
            throw new ShapeException("the per-sample " + what + " shape " + shape + " has no elements");
        }
    }

    private static int exampleCount(String what, int length, Shape perSample) {
        if (length % perSample.size() != 0) {
            throw new ShapeException(what + " have " + length + " floats, which is not a whole number of"
                    + " examples of shape " + perSample + " (" + perSample.size() + " floats each)");
        }
        return length / perSample.size();
    }

    private static void checkFeatures(int length, Shape featureShape, int examples) {
        if ((long) examples * featureShape.size() != length) {
            throw new ShapeException("features have " + length + " floats, but " + examples
                    + " examples of shape " + featureShape + " need " + (long) examples * featureShape.size());
        }
    }
}
