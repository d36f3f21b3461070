package org.nnj.examples.predict;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nnj.api.DataFormatException;
import org.nnj.api.backend.ComputeBackend;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.data.IdxArray;
import org.nnj.core.data.IdxReader;
import org.nnj.core.data.IdxType;
import org.nnj.core.predict.Prediction;
import org.nnj.core.predict.Predictor;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.ConfusionMatrix;
import org.nnj.examples.PluginOptions;
import org.nnj.examples.BackendOptions;
import org.nnj.examples.Checks;
import org.nnj.examples.NnCommand;
import org.nnj.examples.train.ConfusionTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Classifies images with a saved model and prints the most probable classes. */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Classify images with a saved model and print the top classes.",
            "",
            "The model comes from ./nn train --save FILE, or is an ONNX file (.onnx,",
            "see docs/ONNX.md); each image gets its most probable classes with their",
            "probabilities (an ONNX model's logits go through a softmax).",
            "",
            "Images come from an IDX file (--images, as Fashion-MNIST ships them) or",
            "from image files (PNG and others) of the model's size, 28x28 for the",
            "Fashion-MNIST models: grey, or colour turned grey by luma; not resized."
        })
public final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file: NNJ's, or ONNX (.onnx).")
    Path modelFile;

    @Option(names = "--images", paramLabel = "IDX", description = "An IDX file of images [n, rows, cols] in unsigned bytes (plain or .gz).")
    Path images;

    @Option(names = "--labels", paramLabel = "IDX", description = "The IDX file of their labels: also print the accuracy.")
    Path labels;

    @Option(names = "--confusion",
            description = "With --labels: also print the confusion matrix (rows: true class, columns: predicted) and"
                    + " each class's recall.")
    boolean confusion;

    @Option(names = "--count", paramLabel = "N",
            description = "Classify the first N images of --images, 0 for all (default: all with --labels, else 10).")
    Integer count;

    @Option(names = "--top", paramLabel = "K", description = "How many classes to print per image (default: ${DEFAULT-VALUE}).")
    int top = 3;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Image files to classify.")
    List<Path> files = new ArrayList<>();

    @Mixin
    BackendOptions backendOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Checks checks = Checks.of(spec);
        if (images == null && files.isEmpty()) {
            throw checks.fail("IMAGE", "give image files, or --images IDX (the shipped test images: --images "
                    + NnCommand.TEST_IMAGES + ")");
        }
        if (labels != null && images == null) {
            throw checks.fail("--labels", "needs --images");
        }
        if (confusion && labels == null) {
            throw checks.fail("--confusion", "needs --labels (and --images)");
        }
        checks.positive("--top", top).atLeast("--count", count, 0).inputFile("--model", modelFile)
                .inputFile("--images", images).inputFile("--labels", labels);
        for (Path file : files) {
            checks.inputFile("IMAGE", file);
        }
        backendOptions.check();
        int wanted = count != null ? count : labels != null ? 0 : 10;
        Registries registries = PluginOptions.registries(spec);
        ComputeBackend backend = backendOptions.create(registries);
        Predictor predictor = ModelFiles.predictor(modelFile, registries, backend);
        int[] size = GreyImages.imageSize(predictor.inputShape());
        int pixels = size[0] * size[1];

        List<String> names = new ArrayList<>();
        List<float[]> inputs = new ArrayList<>();
        int[] truth = null;
        if (images != null) {
            // Only the images to classify are read: a file that promises more costs nothing.
            IdxArray idx = wanted == 0 ? IdxReader.read(images) : IdxReader.readFirst(images, wanted);
            if (idx.type() != IdxType.UNSIGNED_BYTE || idx.rank() != 3 || idx.dim(1) != size[0] || idx.dim(2) != size[1]) {
                throw new DataFormatException(images + ": expected images [n, " + size[0] + ", " + size[1] + "] of "
                        + IdxType.UNSIGNED_BYTE + " for this model, got " + idx);
            }
            int n = wanted == 0 ? idx.dim(0) : Math.min(wanted, idx.dim(0));
            byte[] bytes = idx.toUnsignedBytes();
            for (int i = 0; i < n; i++) {
                float[] x = new float[pixels];
                for (int p = 0; p < pixels; p++) {
                    x[p] = (bytes[i * pixels + p] & 0xFF) / 255f; // as FashionMnist scales them
                }
                inputs.add(x);
                names.add(images.getFileName() + "[" + i + "]");
            }
            if (labels != null) {
                truth = readLabels(n, predictor.model().outputShape().size());
            }
        }
        for (Path file : files) {
            float[] x = new float[pixels];
            GreyImages.read(file, size[0], size[1], x, 0);
            inputs.add(x);
            names.add(file.toString());
        }

        float[] batch = new float[inputs.size() * pixels];
        for (int i = 0; i < inputs.size(); i++) {
            System.arraycopy(inputs.get(i), 0, batch, i * pixels, pixels);
        }
        List<List<Prediction>> results = predictor.topK(
                Tensor.wrap(batch, predictor.inputShape().withBatch(inputs.size())), top);
        if (!predictor.outputsAreProbabilities() && !ModelFiles.isOnnx(modelFile)) {
            out.println(modelFile + " was saved without a loss: the numbers are the model's raw outputs,"
                    + " not probabilities");
        }
        int classes = predictor.model().outputShape().size();
        ConfusionMatrix matrix = truth != null && classes >= 2 ? new ConfusionMatrix(classes) : null;
        int right = 0;
        for (int i = 0; i < results.size(); i++) {
            StringBuilder line = new StringBuilder(names.get(i)).append(':');
            for (Prediction p : results.get(i)) {
                line.append(String.format(Locale.ROOT, "  %s %.4f", p.label(), p.probability()));
            }
            if (truth != null && i < truth.length) {
                String label = predictor.classNames().isEmpty() ? Integer.toString(truth[i])
                        : predictor.classNames().get(truth[i]);
                boolean ok = results.get(i).get(0).index() == truth[i];
                right += ok ? 1 : 0;
                if (matrix != null) {
                    matrix.add(truth[i], results.get(i).get(0).index());
                }
                line.append("   (label: ").append(label).append(ok ? ")" : ", wrong)");
            }
            out.println(line);
        }
        if (truth != null) {
            out.printf(Locale.ROOT, "accuracy %.4f (%d of %d)%n", (double) right / truth.length, right, truth.length);
            if (confusion && matrix != null) {
                out.print(ConfusionTable.of(matrix, predictor.classNames()));
            }
        }
        out.flush();
        return 0;
    }

    private int[] readLabels(int n, int classes) throws IOException {
        IdxArray idx = IdxReader.readFirst(labels, Math.max(n, 1));
        if (idx.type() != IdxType.UNSIGNED_BYTE || idx.rank() != 1 || idx.dim(0) < n) {
            throw new DataFormatException(labels + ": expected at least " + n + " labels of " + IdxType.UNSIGNED_BYTE
                    + ", got " + idx);
        }
        int[] all = idx.toIntArray();
        int[] truth = new int[n];
        System.arraycopy(all, 0, truth, 0, n);
        for (int i = 0; i < n; i++) {
            if (truth[i] >= classes) {
                throw new DataFormatException(labels + ", offset " + (8 + i) + ": label " + truth[i] + " of image " + i
                        + " is not one of the model's " + classes + " classes");
            }
        }
        return truth;
    }
}
