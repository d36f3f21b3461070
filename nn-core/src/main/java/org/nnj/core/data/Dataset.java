package org.nnj.core.data;

import org.nnj.api.tensor.Shape;

/**
 * A finite, indexed set of examples: features and targets of fixed per-sample shapes. Classification
 * sets also have an integer label per example, and their targets are the one-hot encoding of it.
 *
 * <p>Implementations are read-only once built, so that a {@link DataLoader} may read them from any
 * thread.
 */
public interface Dataset {

    /** The number of examples. */
    int size();

    /** The per-sample feature shape, for example {@code [1, 28, 28]}. */
    Shape featureShape();

    /** The per-sample target shape, for example {@code [10]} for one-hot classes. */
    Shape targetShape();

    /** Copies the features of example {@code index} to {@code dst} from {@code offset}. */
    void copyFeatures(int index, float[] dst, int offset);

    /** Copies the target of example {@code index} to {@code dst} from {@code offset}. */
    void copyTarget(int index, float[] dst, int offset);

    /** The class of example {@code index}, or -1 if this is not a classification set. */
    int label(int index);

    /** The number of classes, or 0 if this is not a classification set. */
    int classCount();
}
