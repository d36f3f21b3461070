package org.nnj.examples.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nnj.api.config.Config;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.TrainingProgress;
import org.nnj.examples.Checks;
import org.nnj.examples.PluginOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints what a model is, layer by layer: a model of the catalog as {@code ./nn train} would build it, or a
 * saved model file with what it stores besides (loss, class names, metadata, and a checkpoint's optimizer
 * and progress).
 */
@Command(name = "summary",
        mixinStandardHelpOptions = true,
        description = {
            "Print a model's layers, their output shapes and parameters.",
            "",
            "--model is a saved model (./nn train --save or --checkpoint) when it",
            "names an existing file, ends in .safetensors or .st, or holds a path",
            "separator; otherwise it is a model of the catalog, as ./nn train builds it."
        })
public final class SummaryCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE|NAME", required = true,
            description = "A saved model file, or a catalog model: ${COMPLETION-CANDIDATES}.",
            completionCandidates = TrainCommand.ModelNames.class)
    String model;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "For a catalog model: the activation after each hidden layer, as ./nn train --activation"
                    + " (default: " + ModelCatalog.DEFAULT_ACTIVATION + ").")
    String activation;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Checks checks = Checks.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        if (!isFile(model)) {
            if (!ModelCatalog.contains(model)) {
                throw checks.fail("--model", "'" + model + "' is neither a model file nor a catalog model; known"
                        + " models are " + String.join(", ", ModelCatalog.names()));
            }
            String act = activation == null ? ModelCatalog.DEFAULT_ACTIVATION : activation;
            Sequential net = ModelCatalog.build(model, act, PluginOptions.registries(spec), 0);
            out.printf("model %s: %s%s%n%s", model, ModelCatalog.get(model).description(),
                    act.equals(ModelCatalog.DEFAULT_ACTIVATION) ? "" : " (hidden activation " + act + " instead)",
                    net.summary());
            return 0;
        }
        Path file = Path.of(model);
        if (activation != null) {
            throw checks.fail("--activation", "applies to a catalog model; " + file + " is a saved model");
        }
        checks.inputFile("--model", file);
        Registries registries = PluginOptions.registries(spec);
        Checkpoint saved = ModelFile.read(file, registries);
        out.printf("model file %s%n%s", file, saved.model().summary());
        out.println("loss: " + saved.loss().map(l -> described(l.type(), l.config())).orElse("none saved"));
        out.println("classes: " + (saved.classNames().isEmpty() ? "none saved"
                : saved.classNames().size() + " (" + String.join(", ", saved.classNames()) + ")"));
        Map<String, String> meta = new TreeMap<>(saved.metadata());
        out.println("metadata: " + (meta.isEmpty() ? "none" : meta.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))));
        if (saved.optimizer().isEmpty() && saved.progress().isEmpty()) {
            out.println("not a training checkpoint: no optimizer state or progress");
            return 0;
        }
        out.println("optimizer: " + saved.optimizer().map(o -> described(o.type(), o.config())).orElse("none saved"));
        saved.progress().ifPresent(p -> out.println("progress: " + progress(p)));
        return 0;
    }

    /**
     * A saved model rather than a catalog name: an existing file, a model file's extension, or a path
     * separator (so that a mistyped path says "not found" instead of "unknown model").
     */
    static boolean isFile(String model) {
        try {
            if (Files.exists(Path.of(model))) {
                return true;
            }
        } catch (InvalidPathException e) {
            return true; // not a catalog name either; reading it will say what is wrong
        }
        return model.endsWith(".safetensors") || model.endsWith(".st")
                || model.contains("/") || model.contains(java.io.File.separator);
    }

    private static String described(String type, Config config) {
        return config.keys().isEmpty() ? type : type + " (" + config.toText() + ")";
    }

    private static String progress(TrainingProgress p) {
        return "epoch " + p.epoch() + " of " + p.epochs() + (p.finished() ? " (finished" + (p.stoppedEarly()
                ? ", stopped early)" : ")") : "") + ", batch " + p.batchSize() + ", seed " + p.seed()
                + (p.shuffle() ? "" : ", no shuffling")
                + (p.history().isEmpty() ? "" : String.format(", last training loss %.4f",
                p.history().get(p.history().size() - 1).trainingLoss()));
    }
}
