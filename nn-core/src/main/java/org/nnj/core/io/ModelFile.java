package org.nnj.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/**
 * Saves and loads models: one file holds the architecture (provider names, versions and configs), the
 * weights, and optionally the loss, the optimizer with its state, the training progress and the class
 * names (a {@link Checkpoint}).
 *
 * <h2>The file</h2>
 * A {@linkplain Safetensors safetensors} file, so numpy and PyTorch users can read the weights without
 * NNJ ({@code tools/read_model.py} in the repository shows how). Tensors, all F32:
 * <ul>
 *   <li>the parameters under the model's names, {@code "0.weight"}, {@code "0.bias"}, ... (Dense weights
 *       are {@code [out, in]}, as in PyTorch);</li>
 *   <li>the layers' {@linkplain org.nnj.api.layer.Layer#buffers() buffers} (state that is not trained,
 *       such as {@code "3.running_mean"}) under the model's names for them;</li>
 *   <li>the optimizer's state under {@value #OPTIMIZER_PREFIX}{@code <parameter>/<slot>}, for example
 *       {@code "optimizer/0.weight/exp_avg"}.</li>
 * </ul>
 * The {@code __metadata__} strings (JSON inside, since safetensors allows only string values):
 * <ul>
 *   <li>{@value #FORMAT_VERSION_KEY}: {@code "2"}; a reader refuses files of a newer version. Version 1
 *       had no buffers: a version 1 file still loads, its layers' buffers keeping their initial values,
 *       with a warning when the model has any;</li>
 *   <li>{@value #ARCHITECTURE_KEY}: the {@link Architecture};</li>
 *   <li>{@value #PLUGINS_KEY}: every plugin the file needs, with its version, provider class and jar or
 *       module, so that a missing one can be named;</li>
 *   <li>{@value #LOSS_KEY}, {@value #OPTIMIZER_KEY}: {@code {"type", "version", "config"}}, the optimizer
 *       also with its state's {@code "scalars"} (step counts);</li>
 *   <li>{@value #TRAINING_KEY}: the {@link org.nnj.core.train.TrainingProgress};</li>
 *   <li>{@value #CLASS_NAMES_KEY}: the class names by output index;</li>
 *   <li>any other key: the user's own metadata ({@link Checkpoint#withMetadata}).</li>
 * </ul>
 *
 * <h2>Guarantees</h2>
 * Writes are atomic (a temporary file, then a rename): a reader never sees half a file, and a failed
 * save leaves the old file as it was. Everything that would make the file unreadable (a layer whose type
 * has no provider, a config value JSON cannot hold) fails before the file is touched. Reads validate
 * everything before building or copying anything, and fail with a message naming the file and what is
 * wrong: a {@link org.nnj.api.DataFormatException} for a damaged or inconsistent file (with the byte
 * offset where there is one), a {@link org.nnj.api.ProviderException} for a plugin that is missing
 * (listing the known names and the jar that probably provides it) or older than the file. A config
 * saved by an older version of its provider (no recorded version counts as 1) goes through that
 * provider's {@link org.nnj.api.spi.Provider#upgrade} before the plugin is built, and an optimizer's
 * state through {@link org.nnj.api.spi.OptimizerProvider#upgradeState}. Reading never
 * writes, and {@link #loadWeights} changes the model only when the whole file is valid.
 *
 * <h2>Hostile files</h2>
 * A file's architecture must agree with its own tensors before any layer allocates, so an edited config
 * fails in milliseconds with a {@link org.nnj.api.DataFormatException} naming the file, the layer and
 * the shapes, instead of an {@link OutOfMemoryError}. The model is rebuilt one layer at a time:
 * <ul>
 *   <li>before a built-in {@code dense} or {@code conv2d} layer is built, the weight shape its config
 *       implies for its input ({@code [units, in]}, {@code [filters, channels, kh, kw]}) must be the shape
 *       of the file's {@code "<index>.weight"}; a third-party layer is trusted to check its config, and its
 *       parameters and buffers are compared with the file's tensors as soon as it is built, before the
 *       next layer is built on its output;</li>
 *   <li>the input shape has at most 2^24 elements, and no layer may imply, per sample, more than
 *       {@code max(2^22, 1024 * input elements)} elements in its output, in the zero-padded input of a
 *       convolution or pooling layer, in a convolution's lowered (im2col) matrix or in the window
 *       elements a pooling layer visits: 16 MB of floats for a Fashion-MNIST model, above what the usual
 *       architectures need and far below what a padding, dilation, stride or kernel edited by orders of
 *       magnitude implies. Layers without parameters (pooling, flatten) are bounded this way too.</li>
 * </ul>
 * Hyper-parameters go through their providers, which refuse at load what they refuse at creation (the
 * built-in optimizers, for example, a learning rate above 100): a
 * {@link org.nnj.api.ConfigException} naming the file.
 */
public final class ModelFile {
    /** The version of the file layout this NNJ writes and the newest it reads. */
    public static final int FORMAT_VERSION = 2;
    /** The first version that saves the layers' buffers. */
    static final int FIRST_VERSION_WITH_BUFFERS = 2;
    /** Metadata keys starting with this belong to NNJ. */
    public static final String RESERVED_PREFIX = "nnj.";
    public static final String FORMAT_VERSION_KEY = "nnj.format_version";
    public static final String ARCHITECTURE_KEY = "nnj.architecture";
    public static final String PLUGINS_KEY = "nnj.plugins";
    public static final String LOSS_KEY = "nnj.loss";
    public static final String OPTIMIZER_KEY = "nnj.optimizer";
    public static final String TRAINING_KEY = "nnj.training";
    public static final String CLASS_NAMES_KEY = "nnj.class_names";
    /** The prefix of optimizer state tensors. */
    public static final String OPTIMIZER_PREFIX = "optimizer/";

    private ModelFile() {
    }

    /** Saves {@code model} (architecture and weights), finding the providers with {@link Registries#fromServiceLoader()}. */
    public static void save(Path file, Sequential model) throws IOException {
        save(file, Checkpoint.of(model));
    }

    /** Saves {@code checkpoint}, finding the providers with {@link Registries#fromServiceLoader()}. */
    public static void save(Path file, Checkpoint checkpoint) throws IOException {
        save(file, checkpoint, Registries.fromServiceLoader());
    }

    /**
     * Saves {@code checkpoint} atomically; {@code registries} give the providers' versions and must know
     * every plugin the checkpoint uses.
     *
     * @throws org.nnj.api.ProviderException when a plugin of the model, loss or optimizer is not registered
     * @throws org.nnj.api.ConfigException   when a config value cannot be stored (NaN, infinity)
     * @throws IOException                   when the file cannot be written (the old one is then unchanged)
     */
    public static void save(Path file, Checkpoint checkpoint, Registries registries) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(registries, "registries");
        ModelFileWriter.write(file, checkpoint, registries);
    }

    /** The model in {@code file}, with plugins from {@link Registries#fromServiceLoader()}. */
    public static Sequential load(Path file) throws IOException {
        return load(file, Registries.fromServiceLoader());
    }

    /**
     * The model in {@code file}: its architecture rebuilt through {@code registries}, with its weights.
     *
     * @throws org.nnj.api.DataFormatException as {@link #read(Path, Registries)}
     * @throws org.nnj.api.ProviderException   as {@link #read(Path, Registries)}
     * @throws org.nnj.api.ConfigException     as {@link #read(Path, Registries)}
     * @throws IOException                     when it cannot be read
     */
    public static Sequential load(Path file, Registries registries) throws IOException {
        return read(file, registries).model();
    }

    /** Everything in {@code file}, with plugins from {@link Registries#fromServiceLoader()}. */
    public static Checkpoint read(Path file) throws IOException {
        return read(file, Registries.fromServiceLoader());
    }

    /**
     * Everything in {@code file}: the model, and what else was saved with it (the loss, the optimizer with
     * its state restored, the training progress, class names, the user's metadata).
     *
     * @throws org.nnj.api.DataFormatException when the file is damaged, inconsistent (its architecture and
     *                                         its tensors disagree, or its configs imply implausible sizes:
     *                                         see "Hostile files" above) or of a newer format
     * @throws org.nnj.api.ProviderException   when a plugin it needs is missing or older than the file, or a
     *                                         provider fails to upgrade an older config
     * @throws org.nnj.api.ConfigException     when a provider refuses a config the file holds (a layer's, the
     *                                         loss's, or the optimizer's hyper-parameters out of range)
     * @throws IOException                     when it cannot be read
     */
    public static Checkpoint read(Path file, Registries registries) throws IOException {
        Objects.requireNonNull(registries, "registries");
        return ModelFileReader.open(Objects.requireNonNull(file, "file")).read(registries);
    }

    /**
     * Copies the weights in {@code file} into {@code model}, whose layers must have the types and configs
     * of the file's architecture (optimizer state in the file is ignored). Nothing is copied unless every
     * tensor is present with the right shape. A layer config saved by an older version of its provider is
     * upgraded (see {@link #read}) before it is compared, with the providers
     * {@link Registries#fromServiceLoader()} finds, looked up only when a config differs.
     *
     * @throws org.nnj.api.DataFormatException naming the tensor and both shapes, or the differing layers
     */
    public static void loadWeights(Path file, Sequential model) throws IOException {
        Objects.requireNonNull(model, "model");
        ModelFileReader.open(Objects.requireNonNull(file, "file")).loadInto(model, Registries::fromServiceLoader);
    }

    /**
     * As {@link #loadWeights(Path, Sequential)}, upgrading older layer configs with the providers in
     * {@code registries}.
     */
    public static void loadWeights(Path file, Sequential model, Registries registries) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(registries, "registries");
        ModelFileReader.open(Objects.requireNonNull(file, "file")).loadInto(model, () -> registries);
    }
}
