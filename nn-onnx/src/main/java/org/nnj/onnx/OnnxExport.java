package org.nnj.onnx;

import java.io.IOException;
import java.nio.file.Path;
import org.nnj.core.model.Sequential;

/** Writes an NNJ model as an ONNX model file. */
public final class OnnxExport {
    /** The opset exported models declare. */
    public static final int OPSET = 13;

    private OnnxExport() {
    }

    /**
     * Writes {@code model} with its current weights to {@code file} as an ONNX model at opset {@link #OPSET},
     * atomically (a failed export leaves no file, or the file that was there).
     *
     * @throws OnnxException when a layer has no ONNX form (the message names the layer and why)
     * @throws IOException   when the file cannot be written
     */
    public static void write(Sequential model, Path file) throws IOException {
        throw new UnsupportedOperationException("ONNX export is being written (issue 13)");
    }
}
