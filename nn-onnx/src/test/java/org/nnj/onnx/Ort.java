package org.nnj.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.nnj.api.tensor.Tensor;

/** Runs an ONNX file with ONNX Runtime on one batch: the independent check of what the export wrote. */
final class Ort {
    private Ort() {
    }

    /** The output of {@code model} on {@code batch}, flat, with ONNX Runtime's default graph optimisations. */
    static float[] run(Path model, Tensor batch) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = new long[batch.shape().rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = batch.dim(i);
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1); // the test machines are small and shared
            try (OrtSession session = env.createSession(model.toString(), options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch.toArray()), shape)) {
                try (OrtSession.Result result = session.run(Map.of("input", input))) {
                    FloatBuffer out = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer();
                    float[] values = new float[out.remaining()];
                    out.get(values);
                    return values;
                }
            }
        }
    }
}
