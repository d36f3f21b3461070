package org.nnj.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.examples.Main;

/**
 * {@code ./nn train --export}: the ONNX file of a trained model, run by ONNX Runtime on the 2,000 shipped test
 * images, gives NNJ's top-1 class for every image, and probabilities within a small difference of NNJ's. A
 * short LeNet run keeps the test fast; the cnn is checked the same way by hand, with
 * {@code -Dnnj.export.model=cnn -Dnnj.export.limit=0 -Dnnj.export.epochs=10} (limit 0: all training images),
 * see docs/ONNX.md.
 */
class TrainExportOnnxTest {

    @Test
    void theExportedModelPredictsWhatNnjPredictsOnAllShippedTestImages(@TempDir Path dir) throws Exception {
        String name = System.getProperty("nnj.export.model", "lenet");
        int limit = Integer.getInteger("nnj.export.limit", 500);
        String epochs = System.getProperty("nnj.export.epochs", "1");
        Path onnx = dir.resolve(name + ".onnx");
        Path saved = dir.resolve(name + ".safetensors");
        List<String> args = new ArrayList<>(List.of("train", "--model", name, "--epochs", epochs, "--validation", "0",
                "--threads", "2", "--save", saved.toString(), "--export", onnx.toString()));
        if (limit > 0) {
            args.addAll(List.of("--limit", Integer.toString(limit)));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(new String[0]));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("ONNX model exported to " + onnx + " (opset 13)"), out.toString());

        Sequential model = ModelFile.load(saved);
        InMemoryDataset test = new FashionMnistSource(null).load("t10k", false);
        assertEquals(2000, test.size());
        float[] images = new float[test.size() * 784];
        for (int i = 0; i < test.size(); i++) {
            test.copyFeatures(i, images, i * 784);
        }
        Tensor batch = Tensor.wrap(images, model.inputShape().withBatch(test.size()));
        float[] nnj = model.predict(batch, new ScalarBackend()).toArray();
        float[] ort = run(onnx, images, batch.shape().dims());

        int agree = 0;
        double maxProbabilityDifference = 0;
        for (int i = 0; i < test.size(); i++) {
            double[] p = softmax(nnj, i * 10);
            double[] q = softmax(ort, i * 10);
            agree += argmax(p) == argmax(q) ? 1 : 0;
            for (int c = 0; c < 10; c++) {
                maxProbabilityDifference = Math.max(maxProbabilityDifference, Math.abs(p[c] - q[c]));
            }
        }
        String run = "--epochs " + epochs + (limit > 0 ? " --limit " + limit : "");
        System.out.printf(Locale.ROOT, "%s (%s, trained and exported in %.1f s): ONNX Runtime's top-1 equals NNJ's on %d of %d"
                + " test images; largest probability difference %.3g%n", name, run, seconds,
                agree, test.size(), maxProbabilityDifference);
        assertEquals(test.size(), agree, "images whose top-1 class differs");
        assertTrue(maxProbabilityDifference < 1e-5, "largest probability difference " + maxProbabilityDifference);
        assertTrue(Files.size(onnx) > 4 * model.parameterCount(), "the weights are in the file");
    }

    private static float[] run(Path model, float[] images, int[] dims) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toString(), options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), Arrays.stream(dims).asLongStream().toArray());
                 OrtSession.Result result = session.run(Map.of("input", input))) {
                FloatBuffer out = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer();
                float[] logits = new float[out.remaining()];
                out.get(logits);
                return logits;
            }
        }
    }

    private static double[] softmax(float[] logits, int from) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 10; c++) {
            max = Math.max(max, logits[from + c]);
        }
        double[] p = new double[10];
        double sum = 0;
        for (int c = 0; c < 10; c++) {
            p[c] = Math.exp(logits[from + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < 10; c++) {
            p[c] /= sum;
        }
        return p;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
