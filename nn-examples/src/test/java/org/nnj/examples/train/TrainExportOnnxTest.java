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
import java.util.Arrays;
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
 * short LeNet run keeps the test fast. The cnn is checked the same way by hand: train it with
 * {@code ./nn train --model cnn --save cnn.safetensors --export cnn.onnx}, then run this test with
 * {@code -Dnnj.export.trained=PATH/cnn} (the two files' common prefix), which compares them instead of training;
 * see docs/ONNX.md for the figures.
 */
class TrainExportOnnxTest {

    @Test
    void theExportedModelPredictsWhatNnjPredictsOnAllShippedTestImages(@TempDir Path dir) throws Exception {
        String trained = System.getProperty("nnj.export.trained");
        Path onnx = trained != null ? Path.of(trained + ".onnx") : dir.resolve("lenet.onnx");
        Path saved = trained != null ? Path.of(trained + ".safetensors") : dir.resolve("lenet.safetensors");
        String what = trained != null ? "trained by hand: " + trained : "lenet --limit 500 --epochs 1";
        if (trained == null) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "train", "--model", "lenet",
                    "--limit", "500", "--epochs", "1", "--validation", "0", "--threads", "2", "--save",
                    saved.toString(), "--export", onnx.toString());
            assertEquals(0, code, err.toString());
            assertTrue(out.toString().contains("ONNX model exported to " + onnx + " (opset 13)"), out.toString());
        }

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
        System.out.printf(Locale.ROOT, "%s: ONNX Runtime's top-1 equals NNJ's on %d of %d test images; largest"
                + " probability difference %.3g%n", what, agree, test.size(), maxProbabilityDifference);
        assertEquals(test.size(), agree, "images whose top-1 class differs");
        assertTrue(maxProbabilityDifference < 1e-5, "largest probability difference " + maxProbabilityDifference);
        assertTrue(Files.size(onnx) > 4 * model.parameterCount(), "the weights are in the file");
    }

    private static float[] run(Path model, float[] images, int[] dims) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            long[] shape = Arrays.stream(dims).asLongStream().toArray();
            try (OrtSession session = env.createSession(model.toString(), options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), shape)) {
                try (OrtSession.Result result = session.run(Map.of("input", input))) {
                    FloatBuffer out = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer();
                    float[] logits = new float[out.remaining()];
                    out.get(logits);
                    return logits;
                }
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
