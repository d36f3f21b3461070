package org.nnj.api.optim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nnj.api.ConfigException;
import org.nnj.api.ShapeException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;

/**
 * The base class of optimizers, built-in and third-party alike: it owns everything an optimizer keeps
 * besides its update rule, so that a subclass gives only its {@link #config()}, the names of its state
 * and the update of one parameter. Per-parameter state lives in named <em>slots</em> (tensors of the
 * parameter's shape: Adam's {@code exp_avg} and {@code exp_avg_sq}, a momentum buffer) and named
 * <em>scalars</em> (doubles: NAdam's {@code mu_product}), plus a step count per parameter. The base
 * class also keeps the learning rate, saves and restores the state with full validation, and offers
 * what several update rules share: the gradient with PyTorch's coupled weight decay
 * ({@link #l2Gradient}) and scratch buffers ({@link #workspace}).
 *
 * <pre>{@code
 * public final class SignSgd extends AbstractOptimizer {
 *     public SignSgd(double lr) {
 *         super("sign_sgd", lr);                       // no slots: the state is the step count alone
 *     }
 *     public Config config() {
 *         return Config.of("lr", learningRate());
 *     }
 *     protected void update(ComputeBackend backend, Parameter p, ParameterState state) {
 *         for (int i = 0; i < p.size(); i++) {
 *             float w = p.value().getFlat(i);
 *             p.value().setFlat(i, w - (float) learningRate() * Math.signum(p.gradient().getFlat(i)));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <h2>What {@link #step} guarantees</h2>
 * Before any parameter is touched it checks that the names in the list are unique and that every
 * parameter has the shape of the state kept for it (a state loaded for another model is caught here);
 * then, for each parameter in order, it creates the state on first use (slots of zeros, scalars 0, step
 * 0, then {@link #initialize}), counts the step and calls {@link #update}. A failed check therefore
 * leaves every parameter and the state as they were.
 *
 * <h2>The learning rate</h2>
 * Given to the constructor (positive and finite, else a {@link org.nnj.api.ConfigException} naming
 * {@code 'lr'}) and changed between steps by {@link #setLearningRate} (zero allowed there). Schedules
 * are not the optimizer's business: a training loop asks a {@link LearningRateSchedule} for the rate and
 * sets it, so any schedule works with any subclass. {@link #update} reads {@link #learningRate()} at
 * each step; {@link #config()} should report it as {@code "lr"}, so that a saved optimizer comes back
 * with the rate it had.
 *
 * <h2>Saved state</h2>
 * {@link #saveState()} writes each slot as the tensor {@code "<parameter>/<slot>"}, each scalar as the
 * scalar {@code "<parameter>/<scalar>"} and the step count as the scalar {@code "<parameter>/step"} (per
 * parameter, as PyTorch keeps it). Scalars are doubles and so survive the trip exactly.
 * {@link #loadState} checks all of it (only known slots and scalars, every one present for every
 * parameter that has a step count, the slots of one parameter of one shape, a whole step count of at
 * least 1), fails with a {@link org.nnj.api.ConfigException} or {@link org.nnj.api.ShapeException}
 * naming the key, and replaces the whole state only when everything is right. The shapes are checked
 * against the parameters at the next {@link #step}. Renaming a slot is a change of the saved format:
 * raise the provider's {@link org.nnj.api.spi.Provider#version() version} and rename it back in
 * {@link org.nnj.api.spi.OptimizerProvider#upgradeState}.
 *
 * <h2>Stability</h2>
 * The methods a subclass must not change are final: the bookkeeping above is the same for every
 * optimizer, which is what lets a model file and a training loop treat them alike. A subclass
 * implements {@link #config()} and {@link #update}, may override {@link #initialize} and
 * {@link #toString}, and is, like every optimizer, used by one thread at a time.
 */
public abstract class AbstractOptimizer implements Optimizer {
    private static final String STEP = "step";

    private final String type;
    private final List<String> slots;
    private final List<String> scalars;
    private double learningRate;
    private final Map<String, ParameterState> states = new LinkedHashMap<>();
    private float[] scratch = new float[0];
    private float[] workspace = new float[0];

    /**
     * @param type         the provider name, used in messages
     * @param learningRate the initial learning rate, positive and finite
     * @param slots        the names of the per-parameter state tensors, each the shape of the parameter
     */
    protected AbstractOptimizer(String type, double learningRate, String... slots) {
        this(type, learningRate, List.of(slots), List.of());
    }

    /**
     * @param type         the provider name, used in messages
     * @param learningRate the initial learning rate, positive and finite
     * @param slots        the names of the per-parameter state tensors, each the shape of the parameter
     * @param scalars      the names of the per-parameter state scalars (doubles)
     */
    protected AbstractOptimizer(String type, double learningRate, List<String> slots, List<String> scalars) {
        this.type = Objects.requireNonNull(type, "type");
        this.slots = List.copyOf(slots);
        this.scalars = List.copyOf(scalars);
        // Names become keys "<parameter>/<name>": they must not collide with each other or with "step".
        List<String> all = new ArrayList<>(this.slots);
        all.addAll(this.scalars);
        if (new TreeSet<>(all).size() != all.size() || all.contains(STEP)
                || all.stream().anyMatch(s -> s.isEmpty() || s.contains("/"))) {
            throw new IllegalArgumentException(type + ": slot and scalar names must be unique, non-empty,"
                    + " without '/' and other than 'step', got " + all);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new ConfigException(type + ": 'lr' must be positive and finite, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** The state an optimizer keeps for one parameter: its slot tensors and how many steps it has had. */
    protected static final class ParameterState {
        private final Shape shape;
        private final Tensor[] slots;
        private final double[] scalars;
        private long step;

        private ParameterState(Shape shape, Tensor[] slots, double[] scalars, long step) {
            this.shape = shape;
            this.slots = slots;
            this.scalars = scalars;
            this.step = step;
        }

        /** Slot {@code index}, in the order the optimizer named them; the shape of the parameter. */
        public Tensor slot(int index) {
            return slots[index];
        }

        /** Scalar {@code index}, in the order the optimizer named them. */
        public double scalar(int index) {
            return scalars[index];
        }

        public void setScalar(int index, double value) {
            scalars[index] = value;
        }

        /** The number of steps taken for this parameter, counting the current one (1 on the first step). */
        public long step() {
            return step;
        }
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate for the next steps. Zero is allowed here (a schedule may end at 0, as PyTorch's
     * cosine annealing does), though not when the optimizer is built.
     */
    @Override
    public final void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new ConfigException(type + ": the learning rate must be zero or positive and finite, got "
                    + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public final void step(ComputeBackend backend, List<Parameter> parameters) {
        Objects.requireNonNull(backend, "backend");
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Integer previous = positions.put(p.name(), i);
            if (previous != null) {
                throw new ConfigException(type + ": parameter name '" + p.name() + "' appears twice in the list"
                        + " (positions " + previous + " and " + i + "); the optimizer keeps its state by name,"
                        + " so names must be unique (a model qualifies them, as in '0.weight')");
            }
            ParameterState state = states.get(p.name());
            if (state != null && state.shape != null && !state.shape.equals(p.shape())) {
                throw new ShapeException(type + ": the state kept for parameter '" + p.name() + "' has shape "
                        + state.shape + " but the parameter has shape " + p.shape()
                        + "; was the state loaded from another model?");
            }
        }
        for (Parameter p : parameters) {
            ParameterState state = states.get(p.name());
            if (state == null) {
                state = new ParameterState(p.shape(), newSlots(p.shape()), new double[scalars.size()], 0);
                initialize(state);
                states.put(p.name(), state);
            } else if (state.shape == null) {
                // Loaded without tensors (an optimizer without slots): the shape is learnt now.
                state = new ParameterState(p.shape(), state.slots, state.scalars, state.step);
                states.put(p.name(), state);
            }
            state.step++;
            update(backend, p, state);
        }
    }

    /**
     * Updates {@code parameter.value()} in place from {@code parameter.gradient()} and the parameter's
     * {@code state} (its step count already includes this step). Both tensors may start at an offset in
     * their arrays.
     */
    protected abstract void update(ComputeBackend backend, Parameter parameter, ParameterState state);

    /**
     * Sets the starting values of a parameter's new state, whose slots are zeros and scalars 0 (Adagrad's
     * initial accumulator, NAdam's {@code mu_product} of 1). Does nothing by default.
     */
    protected void initialize(ParameterState state) {
    }

    /**
     * The gradient with PyTorch's coupled weight decay (L2 regularisation): {@code g + weightDecay * w},
     * computed into this optimizer's scratch buffer, or the parameter's own gradient when
     * {@code weightDecay} is 0. Either way the caller must not write to it; the parameter's gradient is
     * never changed, as in PyTorch. Valid until the next call of this or {@link #l2GradientCopy}.
     */
    protected final Tensor l2Gradient(ComputeBackend backend, Parameter parameter, float weightDecay) {
        return weightDecay == 0f ? parameter.gradient() : l2GradientCopy(backend, parameter, weightDecay);
    }

    /** Like {@link #l2Gradient}, but always a scratch copy that the caller may overwrite. */
    protected final Tensor l2GradientCopy(ComputeBackend backend, Parameter parameter, float weightDecay) {
        Tensor g = parameter.gradient();
        int n = g.size();
        if (scratch.length < n) {
            scratch = new float[n];
        }
        System.arraycopy(g.data(), g.offset(), scratch, 0, n);
        if (weightDecay != 0f) {
            Tensor w = parameter.value();
            backend.axpy(n, weightDecay, w.data(), w.offset(), scratch, 0);
        }
        return Tensor.wrap(scratch, 0, g.shape());
    }

    /**
     * A float buffer of at least {@code n} elements for intermediate results of one update (RMSprop's
     * centred variance), apart from the scratch buffer of {@link #l2Gradient}, so both can be used at once.
     * Its contents are undefined; it is valid until the next call.
     */
    protected final float[] workspace(int n) {
        if (workspace.length < n) {
            workspace = new float[n];
        }
        return workspace;
    }

    @Override
    public final OptimizerState saveState() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        states.forEach((name, state) -> {
            if (state.shape != null) {
                for (int s = 0; s < slots.size(); s++) {
                    tensors.put(name + "/" + slots.get(s), state.slots[s]);
                }
            }
            values.put(name + "/" + STEP, (double) state.step);
            for (int s = 0; s < scalars.size(); s++) {
                values.put(name + "/" + scalars.get(s), state.scalars[s]);
            }
        });
        return new OptimizerState(tensors, values);
    }

    @Override
    public final void loadState(OptimizerState saved) {
        Objects.requireNonNull(saved, "state");
        Map<String, ParameterState> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : saved.scalars().entrySet()) {
            String name = parameterName(e.getKey(), "scalar");
            String scalar = e.getKey().substring(name.length() + 1);
            if (scalar.equals(STEP)) {
                loaded.put(name, loadParameter(name, saved, stepCount(e.getKey(), e.getValue())));
            } else if (!scalars.contains(scalar)) {
                throw new ConfigException(type + " state: unknown scalar '" + e.getKey() + "'; expected only"
                        + " '<parameter>/step'" + (scalars.isEmpty() ? "" : " and " + scalars + " per parameter"));
            } else if (!saved.scalars().containsKey(name + "/" + STEP)) {
                throw new ConfigException(type + " state: scalar '" + e.getKey() + "' has no step count '" + name
                        + "/" + STEP + "'");
            }
        }
        for (String key : saved.tensors().keySet()) {
            String name = parameterName(key, "tensor");
            String slot = key.substring(name.length() + 1);
            if (!slots.contains(slot)) {
                throw new ConfigException(type + " state: unknown tensor '" + key + "'; " + type
                        + (slots.isEmpty() ? " keeps no tensors" : " keeps " + slots + " per parameter")
                        + " (is this the state of another optimizer?)");
            }
            if (!loaded.containsKey(name)) {
                throw new ConfigException(type + " state: tensor '" + key + "' has no step count '" + name
                        + "/" + STEP + "'");
            }
        }
        states.clear();
        states.putAll(loaded);
    }

    /** The saved state of one parameter: all slots or none (a parameter of a slotless optimizer). */
    private ParameterState loadParameter(String name, OptimizerState saved, long step) {
        double[] values = new double[scalars.size()];
        for (int s = 0; s < values.length; s++) {
            String key = name + "/" + scalars.get(s);
            Double value = saved.scalars().get(key);
            if (value == null) {
                throw new ConfigException(type + " state: parameter '" + name + "' has a step count but no scalar '"
                        + key + "'");
            }
            values[s] = value;
        }
        if (slots.isEmpty()) {
            return new ParameterState(null, new Tensor[0], values, step);
        }
        Tensor[] loaded = new Tensor[slots.size()];
        for (int s = 0; s < loaded.length; s++) {
            String key = name + "/" + slots.get(s);
            if (!saved.tensors().containsKey(key)) {
                throw new ConfigException(type + " state: parameter '" + name + "' has a step count but no tensor '"
                        + key + "'; the state has " + new TreeMap<>(saved.tensors()).keySet());
            }
            loaded[s] = saved.tensor(key).copy();
            if (!loaded[s].shape().equals(loaded[0].shape())) {
                throw new ShapeException(type + " state: '" + key + "' has shape " + loaded[s].shape() + " but '"
                        + name + "/" + slots.get(0) + "' has shape " + loaded[0].shape()
                        + "; the slots of one parameter have its shape");
            }
        }
        return new ParameterState(loaded[0].shape(), loaded, values, step);
    }

    private String parameterName(String key, String what) {
        int slash = key.lastIndexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new ConfigException(type + " state: " + what + " key '" + key + "' is not of the form"
                    + " '<parameter>/<slot>'");
        }
        return key.substring(0, slash);
    }

    private long stepCount(String key, double value) {
        // Whole numbers up to 2^53 survive the trip through a double exactly.
        if (!(value >= 1 && value <= 0x1p53) || value != Math.rint(value)) {
            throw new ConfigException(type + " state: '" + key + "' must be a whole number of steps, at least 1,"
                    + " got " + value);
        }
        return (long) value;
    }

    private Tensor[] newSlots(Shape shape) {
        Tensor[] t = new Tensor[slots.size()];
        for (int s = 0; s < t.length; s++) {
            t[s] = Tensor.zeros(shape);
        }
        return t;
    }

    /** For example {@code adam{lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8}}. */
    @Override
    public String toString() {
        return type + config();
    }
}
