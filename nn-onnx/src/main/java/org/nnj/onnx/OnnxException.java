package org.nnj.onnx;

import org.nnj.api.DataFormatException;

/**
 * An ONNX model that NNJ cannot read or represent, or a model it cannot write as ONNX. The message is one line
 * that names the file, the node (its name and operator) and the attribute or tensor at fault, and says what to
 * do: the CLI prints it as it is.
 */
public class OnnxException extends DataFormatException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code message}. */
    public OnnxException(String message) {
        super(message);
    }

    /** An error described by {@code message}, caused by {@code cause} (a protobuf parse error, an I/O error). */
    public OnnxException(String message, Throwable cause) {
        super(message, cause);
    }
}
