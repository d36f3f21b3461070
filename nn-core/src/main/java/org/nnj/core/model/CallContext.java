package org.nnj.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * The {@link LayerContext} that models hand to one layer for one forward/backward pair.
 *
 * <p>It recycles buffers: after {@link #reset}, the k-th {@link #allocate} call of the next pass returns
 * the buffer that the k-th call of the previous pass returned, when the shape is the same. A training
 * loop that reuses its contexts therefore allocates nothing in steady state. A context belongs to one
 * thread at a time; concurrent inference uses one context per call.
 */
public final class CallContext implements LayerContext {
    private final ComputeBackend backend;
    private final boolean training;
    private final boolean needsInputGradient;
    private RandomGenerator random;
    private final List<Tensor> buffers = new ArrayList<>();
    private int nextBuffer;
    private Object[] saved = new Object[0];

    /**
     * @param backend            the backend the layer runs its kernels on
     * @param training           training or inference mode
     * @param needsInputGradient false for the first layer of a model, whose input gradient nobody reads
     * @param seed               the seed of {@link #random()} for the first pass
     */
    public CallContext(ComputeBackend backend, boolean training, boolean needsInputGradient, long seed) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.training = training;
        this.needsInputGradient = needsInputGradient;
        this.random = new SplittableRandom(seed);
    }

    /** An inference context: not training, no input gradient. */
    public static CallContext inference(ComputeBackend backend) {
        return new CallContext(backend, false, false, 0L);
    }

    /** Prepares the context for the next pass: buffers are handed out again from the first, saved values are dropped. */
    public void reset(long seed) {
        nextBuffer = 0;
        saved = new Object[0];
        random = new SplittableRandom(seed);
    }

    @Override
    public ComputeBackend backend() {
        return backend;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public boolean needsInputGradient() {
        return needsInputGradient;
    }

    @Override
    public Tensor allocate(Shape shape) {
        if (nextBuffer < buffers.size()) {
            Tensor previous = buffers.get(nextBuffer);
            if (previous.shape().equals(shape)) {
                nextBuffer++;
                return previous;
            }
            if (previous.data().length >= shape.size()) {
                Tensor view = Tensor.wrap(previous.data(), shape);
                buffers.set(nextBuffer++, view);
                return view;
            }
            Tensor fresh = Tensor.zeros(shape);
            buffers.set(nextBuffer++, fresh);
            return fresh;
        }
        Tensor fresh = Tensor.zeros(shape);
        buffers.add(fresh);
        nextBuffer++;
        return fresh;
    }

    @Override
    public void save(Object... values) {
        saved = values.clone();
    }

    @Override
    public <T> T saved(int index, Class<T> type) {
        if (index < 0 || index >= saved.length) {
            throw new IllegalStateException("nothing was saved at index " + index + " in the forward pass ("
                    + saved.length + " values saved); was backward called without forward on this context?");
        }
        Object v = saved[index];
        if (!type.isInstance(v)) {
            throw new IllegalStateException("saved value " + index + " is a "
                    + (v == null ? "null" : v.getClass().getName()) + ", not a " + type.getName());
        }
        return type.cast(v);
    }
}
