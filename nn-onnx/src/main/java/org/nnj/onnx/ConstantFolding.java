package org.nnj.onnx;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.nnj.onnx.proto.OnnxProto.AttributeProto;
import org.nnj.onnx.proto.OnnxProto.TensorProto;

/**
 * Integer computations on constants that exporters leave in graphs, evaluated when the model is imported.
 * PyTorch 1.13, for one, computes the pads of every {@code F.pad} (and so of {@code padding_mode='reflect'})
 * with {@code ConstantOfShape -> Concat -> Reshape -> Slice -> Transpose -> Reshape -> Cast} on constants;
 * folded here, the {@code Pad} reads a constant like any other. Only integer tensors (shapes, pads, axes) are
 * folded, by the ONNX definitions of the operators in {@link #OPERATORS}.
 */
final class ConstantFolding {
    /** The operators folded when every input is a constant. */
    static final Set<String> OPERATORS = Set.of("ConstantOfShape", "Concat", "Reshape", "Slice", "Transpose",
            "Cast");

    private final TensorData data;

    ConstantFolding(TensorData data) {
        this.data = data;
    }

    /** An integer tensor: its values in row-major order and its dimensions. */
    private record Ints(long[] values, int[] dims) {
        int rank() {
            return dims.length;
        }
    }

    /** The output of {@code node}, whose inputs are {@code inputs} (null for an absent optional one). */
    TensorProto fold(OnnxNode node, List<TensorProto> inputs) throws IOException {
        Ints out;
        switch (node.opType()) {
            case "ConstantOfShape":
                out = constantOfShape(node, ints(inputs.get(0)));
                break;
            case "Concat":
                out = concat(node, inputs);
                break;
            case "Reshape":
                node.requireOnly("allowzero");
                out = reshape(node, ints(inputs.get(0)), ints(inputs.get(1)).values(),
                        node.getInt("allowzero", 0) == 1);
                break;
            case "Slice":
                out = slice(node, inputs);
                break;
            case "Transpose":
                out = transpose(node, ints(inputs.get(0)));
                break;
            case "Cast":
                node.requireOnly("to", "saturate");
                long to = node.getInt("to", 0);
                if (to != TensorProto.DataType.INT64_VALUE && to != TensorProto.DataType.INT32_VALUE) {
                    throw node.error("casts constants to " + TensorData.typeName((int) to) + "; NNJ computes integer"
                            + " constants (shapes, pads) only");
                }
                out = ints(inputs.get(0));
                break;
            default:
                throw new IllegalArgumentException(node.opType());
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(node.proto().getOutput(0))
                .setDataType(TensorProto.DataType.INT64_VALUE);
        for (int d : out.dims()) {
            t.addDims(d);
        }
        for (long v : out.values()) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private Ints ints(TensorProto t) throws IOException {
        return new Ints(data.longs(t), data.dims(t));
    }

    private Ints constantOfShape(OnnxNode node, Ints shape) throws IOException {
        node.requireOnly("value");
        long fill = 0;
        AttributeProto value = node.attribute("value");
        if (value != null) {
            long[] v = data.longs(value.getT());
            if (v.length != 1) {
                throw node.error("attribute value has " + v.length + " elements, expected 1");
            }
            fill = v[0];
        } else {
            throw node.error("fills with float zeros; NNJ computes integer constants (shapes, pads) only");
        }
        int[] dims = toDims(node, shape.values());
        long[] values = new long[size(dims)];
        Arrays.fill(values, fill);
        return new Ints(values, dims);
    }

    private Ints concat(OnnxNode node, List<TensorProto> inputs) throws IOException {
        node.requireOnly("axis");
        Ints first = ints(inputs.get(0));
        int rank = first.rank();
        int axis = axis(node, node.getInt("axis", 0), rank);
        Ints[] parts = new Ints[inputs.size()];
        int[] dims = first.dims().clone();
        dims[axis] = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = ints(inputs.get(i));
            for (int d = 0; d < rank; d++) {
                if (parts[i].rank() != rank || d != axis && parts[i].dims()[d] != first.dims()[d]) {
                    throw node.error("concatenates tensors of shapes " + Arrays.toString(first.dims()) + " and "
                            + Arrays.toString(parts[i].dims()) + " along axis " + axis);
                }
            }
            dims[axis] += parts[i].dims()[axis];
        }
        int outer = size(Arrays.copyOf(dims, axis));
        long[] values = new long[size(dims)];
        int at = 0;
        for (int o = 0; o < outer; o++) {
            for (Ints p : parts) {
                int inner = p.values().length / Math.max(outer, 1);
                System.arraycopy(p.values(), o * inner, values, at, inner);
                at += inner;
            }
        }
        return new Ints(values, dims);
    }

    private Ints reshape(OnnxNode node, Ints in, long[] shape, boolean allowZero) {
        int[] dims = new int[shape.length];
        int inferred = -1;
        int known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1 && inferred < 0) {
                inferred = i;
                continue;
            }
            long d = shape[i] == 0 && !allowZero ? in.dims()[i] : shape[i];
            if (d < 0) {
                throw node.error("reshapes to " + Arrays.toString(shape) + ", which is not a shape");
            }
            dims[i] = (int) d;
            known *= dims[i];
        }
        if (inferred >= 0) {
            dims[inferred] = known == 0 ? 0 : in.values().length / known;
        }
        if (size(dims) != in.values().length) {
            throw node.error("reshapes " + Arrays.toString(in.dims()) + " to " + Arrays.toString(shape)
                    + ", which holds a different number of elements");
        }
        return new Ints(in.values(), dims);
    }

    /** ONNX's Slice (opset 10 and later): starts, ends, optional axes and steps, negative steps too. */
    private Ints slice(OnnxNode node, List<TensorProto> inputs) throws IOException {
        node.requireOnly();
        Ints in = ints(inputs.get(0));
        int rank = in.rank();
        long[] starts = ints(inputs.get(1)).values();
        long[] ends = ints(inputs.get(2)).values();
        long[] axes = inputs.size() > 3 && inputs.get(3) != null ? ints(inputs.get(3)).values() : null;
        long[] steps = inputs.size() > 4 && inputs.get(4) != null ? ints(inputs.get(4)).values() : null;
        long[] start = new long[rank];
        long[] step = new long[rank];
        int[] dims = in.dims().clone();
        Arrays.fill(step, 1);
        for (int i = 0; i < starts.length; i++) {
            int a = axis(node, axes == null ? i : axes[i], rank);
            long dim = in.dims()[a];
            long s = steps == null ? 1 : steps[i];
            if (s == 0) {
                throw node.error("has a step of 0");
            }
            long b = starts[i] < 0 ? starts[i] + dim : starts[i];
            long e = ends[i] < 0 ? ends[i] + dim : ends[i];
            if (s > 0) {
                b = Math.max(0, Math.min(b, dim));
                e = Math.max(0, Math.min(e, dim));
            } else {
                b = Math.max(-1, Math.min(b, dim - 1));
                e = Math.max(-1, Math.min(e, dim - 1));
            }
            long n = s > 0 ? (e - b + s - 1) / s : (b - e + -s - 1) / -s;
            start[a] = b;
            step[a] = s;
            dims[a] = (int) Math.max(0, n);
        }
        long[] values = new long[size(dims)];
        int[] index = new int[rank];
        int[] strides = strides(in.dims());
        for (int k = 0; k < values.length; k++) {
            long from = 0;
            for (int d = 0; d < rank; d++) {
                from += (start[d] + index[d] * step[d]) * strides[d];
            }
            values[k] = in.values()[(int) from];
            next(index, dims);
        }
        return new Ints(values, dims);
    }

    private Ints transpose(OnnxNode node, Ints in) {
        node.requireOnly("perm");
        int rank = in.rank();
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = rank - 1 - i;
        }
        long[] given = node.getInts("perm", null);
        if (given != null) {
            perm = node.toInts(given, "perm");
        }
        if (perm.length != rank) {
            throw node.error("attribute perm=" + Arrays.toString(perm) + " does not fit rank " + rank);
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = in.dims()[perm[i]];
        }
        int[] inStrides = strides(in.dims());
        long[] values = new long[in.values().length];
        int[] index = new int[rank];
        for (int k = 0; k < values.length; k++) {
            int from = 0;
            for (int d = 0; d < rank; d++) {
                from += index[d] * inStrides[perm[d]];
            }
            values[k] = in.values()[from];
            next(index, dims);
        }
        return new Ints(values, dims);
    }

    private static int axis(OnnxNode node, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1)) {
            throw node.error("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    private static int[] toDims(OnnxNode node, long[] shape) {
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            if (shape[i] < 0 || shape[i] > 1_000_000) {
                throw node.error("makes a constant of shape " + Arrays.toString(shape) + "; NNJ computes small"
                        + " integer constants (shapes, pads) only");
            }
            dims[i] = (int) shape[i];
        }
        return dims;
    }

    private static int size(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n > 1_000_000) {
            throw new OnnxException("a constant computed in the graph has shape " + Arrays.toString(dims)
                    + "; NNJ computes small integer constants (shapes, pads) only");
        }
        return (int) n;
    }

    private static int[] strides(int[] dims) {
        int[] s = new int[dims.length];
        int stride = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            s[d] = stride;
            stride *= dims[d];
        }
        return s;
    }

    /** The next multi-index in row-major order. */
    private static void next(int[] index, int[] dims) {
        for (int d = index.length - 1; d >= 0; d--) {
            if (++index[d] < dims[d]) {
                return;
            }
            index[d] = 0;
        }
    }
}
