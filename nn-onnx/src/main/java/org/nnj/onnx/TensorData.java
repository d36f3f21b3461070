package org.nnj.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.nnj.onnx.proto.OnnxProto.TensorProto;

/**
 * The values of ONNX tensors (initializers and {@code Constant} values): float weights, integer shapes and
 * pads. The data may be inline ({@code raw_data}, little-endian, or the typed {@code float_data},
 * {@code int64_data}, ... fields) or in an external file ({@link ExternalData}). Data that is shorter or
 * longer than the tensor's shape needs is an error that says both sizes.
 */
final class TensorData {
    private final Path modelDir;
    private final String file;

    /**
     * @param modelDir the directory external data is read from
     * @param file     the model file as messages name it
     */
    TensorData(Path modelDir, String file) {
        this.modelDir = modelDir;
        this.file = file;
    }

    /** The message prefix for {@code tensor}. */
    String where(TensorProto tensor) {
        return file + ": tensor '" + tensor.getName() + "'";
    }

    /** The dimensions of {@code tensor}, each checked to be a size. */
    int[] dims(TensorProto tensor) {
        int[] dims = new int[tensor.getDimsCount()];
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            long d = tensor.getDims(i);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new OnnxException(where(tensor) + ": dimension " + i + " is " + d + "; the file is damaged");
            }
            dims[i] = (int) d;
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new OnnxException(where(tensor) + ": shape " + Arrays.toString(tensor.getDimsList().toArray())
                        + " has more elements than one NNJ tensor can hold");
            }
        }
        return dims;
    }

    /** The number of elements of {@code tensor}'s shape. */
    int size(TensorProto tensor) {
        int size = 1;
        for (int d : dims(tensor)) {
            size *= d;
        }
        return size;
    }

    /** The values of a float tensor (FLOAT, or DOUBLE narrowed to float). */
    float[] floats(TensorProto tensor) throws IOException {
        int n = size(tensor);
        int type = tensor.getDataType();
        float[] out = new float[n];
        if (type == TensorProto.DataType.FLOAT_VALUE) {
            ByteBuffer raw = raw(tensor, n, 4);
            if (raw != null) {
                raw.asFloatBuffer().get(out);
            } else {
                requireCount(tensor, tensor.getFloatDataCount(), n, "float_data");
                for (int i = 0; i < n; i++) {
                    out[i] = tensor.getFloatData(i);
                }
            }
        } else if (type == TensorProto.DataType.DOUBLE_VALUE) {
            ByteBuffer raw = raw(tensor, n, 8);
            if (raw == null) {
                requireCount(tensor, tensor.getDoubleDataCount(), n, "double_data");
            }
            for (int i = 0; i < n; i++) {
                out[i] = (float) (raw != null ? raw.getDouble(i * 8) : tensor.getDoubleData(i));
            }
        } else {
            throw new OnnxException(where(tensor) + ": has element type " + typeName(type) + "; NNJ imports float32"
                    + " weights (float64 is narrowed); convert the model's weights to float32");
        }
        return out;
    }

    /** The values of an integer tensor (INT64 or INT32), for shapes, pads and axes. */
    long[] longs(TensorProto tensor) throws IOException {
        int n = size(tensor);
        int type = tensor.getDataType();
        long[] out = new long[n];
        if (type == TensorProto.DataType.INT64_VALUE) {
            ByteBuffer raw = raw(tensor, n, 8);
            if (raw == null) {
                requireCount(tensor, tensor.getInt64DataCount(), n, "int64_data");
            }
            for (int i = 0; i < n; i++) {
                out[i] = raw != null ? raw.getLong(i * 8) : tensor.getInt64Data(i);
            }
        } else if (type == TensorProto.DataType.INT32_VALUE) {
            ByteBuffer raw = raw(tensor, n, 4);
            if (raw == null) {
                requireCount(tensor, tensor.getInt32DataCount(), n, "int32_data");
            }
            for (int i = 0; i < n; i++) {
                out[i] = raw != null ? raw.getInt(i * 4) : tensor.getInt32Data(i);
            }
        } else {
            throw new OnnxException(where(tensor) + ": has element type " + typeName(type) + " where integers"
                    + " (int64) are expected");
        }
        return out;
    }

    /** The raw little-endian bytes of {@code tensor} (external or {@code raw_data}), or null for typed fields. */
    private ByteBuffer raw(TensorProto tensor, int n, int width) throws IOException {
        long bytes = (long) n * width;
        if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return ExternalData.read(tensor, modelDir, bytes, where(tensor));
        }
        if (!tensor.hasRawData()) {
            return null;
        }
        int have = tensor.getRawData().size();
        if (have != bytes) {
            throw new OnnxException(where(tensor) + ": holds " + have + " bytes of data but its shape "
                    + Arrays.toString(dims(tensor)) + " of " + typeName(tensor.getDataType()) + " needs " + bytes
                    + (have < bytes ? "; the data is truncated" : "") + "; re-export the model");
        }
        return tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private void requireCount(TensorProto tensor, int have, int needed, String field) {
        if (have != needed) {
            throw new OnnxException(where(tensor) + ": holds " + have + " values in " + field + " but its shape "
                    + Arrays.toString(dims(tensor)) + " needs " + needed
                    + (have < needed ? "; the data is truncated" : "") + "; re-export the model");
        }
    }

    static String typeName(int type) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(type);
        return t == null ? "type " + type : t.name();
    }
}
