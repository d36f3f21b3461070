package org.nnj.examples.convert;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nnj.api.loss.Loss;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.examples.Checks;
import org.nnj.examples.PluginOptions;
import org.nnj.examples.predict.ModelFiles;
import org.nnj.onnx.OnnxExport;
import org.nnj.onnx.OnnxImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Converts a model between ONNX and NNJ's model file, the direction chosen by the file names. OUT is written
 * atomically by both writers: a failed conversion leaves no OUT, or the OUT that was there.
 */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Convert a model between ONNX and NNJ's model file.",
            "",
            "IN.onnx -> OUT.safetensors (or .st): imports the ONNX graph (a chain of",
            "the operators in docs/ONNX.md) as an NNJ model with its weights, ready",
            "for ./nn predict, ./nn summary or further training.",
            "IN.safetensors -> OUT.onnx: exports an NNJ model as ONNX (opset 13).",
            "",
            "OUT is written only when the whole conversion succeeds."
        })
public final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "The model to convert: .onnx, or an NNJ model file (.safetensors, .st).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write: .safetensors (or .st) from ONNX, .onnx from NNJ.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Checks checks = Checks.of(spec);
        Format from = Format.of(in);
        Format to = Format.of(out);
        if (from == null) {
            throw checks.fail("IN", in + ": give a .onnx file or an NNJ model file (.safetensors, .st)");
        }
        if (to == null) {
            throw checks.fail("OUT", out + ": give a .onnx or a .safetensors (.st) file name");
        }
        if (from == to) {
            throw checks.fail("OUT", "IN and OUT are both " + from.description + "; convert changes the format"
                    + " (.onnx <-> .safetensors)");
        }
        checks.inputFile("IN", in).outputFile("OUT", out).distinct("OUT", out, "IN", in);
        Registries registries = PluginOptions.registries(spec);
        Sequential model;
        if (from == Format.ONNX) {
            model = OnnxImport.read(in, registries);
            // Saved with the loss that makes its outputs probabilities, so ./nn predict shows the same as on IN.
            Loss loss = ModelFiles.displayLoss(model, registries);
            ModelFile.save(out, loss == null ? Checkpoint.of(model) : Checkpoint.of(model).withLoss(loss));
        } else {
            model = ModelFile.read(in, registries).model();
            OnnxExport.write(model, out);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(model.summary());
        w.printf(Locale.ROOT, "%s (%s) -> %s (%s): %d layers, %d parameters%n", in, from.description, out,
                to.description, model.layers().size(), model.parameterCount());
        w.flush();
        return 0;
    }

    /** The two model formats, told apart by the file name. */
    enum Format {
        ONNX("ONNX"),
        NNJ("an NNJ model file");

        final String description;

        Format(String description) {
            this.description = description;
        }

        /** The format {@code file}'s name says, or null. */
        static Format of(Path file) {
            Path name = file.getFileName();
            String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".onnx")) {
                return ONNX;
            }
            if (n.endsWith(".safetensors") || n.endsWith(".st")) {
                return NNJ;
            }
            return null;
        }
    }
}
