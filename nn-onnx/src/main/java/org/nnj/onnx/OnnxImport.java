package org.nnj.onnx;

import java.io.IOException;
import java.nio.file.Path;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/** Reads an ONNX model file as an NNJ model. */
public final class OnnxImport {
    private OnnxImport() {
    }

    /**
     * The model in the ONNX file {@code file}, built from {@code registries}' layer providers, with the file's
     * weights.
     *
     * @throws OnnxException when the file is not a valid ONNX model or holds a graph NNJ cannot represent; the
     *                       message names the node, the operator and what to do
     * @throws IOException   when the file (or its external data) cannot be read
     */
    public static Sequential read(Path file, Registries registries) throws IOException {
        throw new UnsupportedOperationException("ONNX import is being written (issue 13)");
    }
}
