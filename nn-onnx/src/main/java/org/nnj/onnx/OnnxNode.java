package org.nnj.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nnj.onnx.proto.OnnxProto.AttributeProto;
import org.nnj.onnx.proto.OnnxProto.NodeProto;

/**
 * One node of the graph being imported, with its attributes by name and the start of every message about it
 * ({@code "model.onnx: node 'conv1' (Conv)"}), so that each error says where it comes from.
 */
final class OnnxNode {
    private final NodeProto proto;
    private final String where;
    private final Map<String, AttributeProto> attributes = new LinkedHashMap<>();

    OnnxNode(NodeProto proto, String file) {
        this.proto = proto;
        String name = proto.getName().isEmpty() ? "(unnamed, output '" + firstOutput(proto) + "')"
                : "'" + proto.getName() + "'";
        this.where = file + ": node " + name + " (" + proto.getOpType() + ")";
        for (AttributeProto a : proto.getAttributeList()) {
            attributes.put(a.getName(), a);
        }
    }

    private static String firstOutput(NodeProto proto) {
        return proto.getOutputCount() == 0 ? "" : proto.getOutput(0);
    }

    NodeProto proto() {
        return proto;
    }

    String opType() {
        return proto.getOpType();
    }

    /** The node's place, for messages: {@code "FILE: node 'NAME' (OP)"}. */
    String where() {
        return where;
    }

    /** An import error about this node: its place, then {@code what}. */
    OnnxException error(String what) {
        return new OnnxException(where + ": " + what);
    }

    /** The input at {@code index}, or "" when absent (ONNX marks skipped optional inputs with ""). */
    String input(int index) {
        return index < proto.getInputCount() ? proto.getInput(index) : "";
    }

    /**
     * Refuses any attribute other than {@code known}: an attribute NNJ does not read could change what the
     * node computes, and a model must never be imported silently wrong.
     */
    OnnxNode requireOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (String name : attributes.keySet()) {
            if (!allowed.contains(name)) {
                throw error("attribute '" + name + "' is not supported (NNJ reads " + (known.length == 0 ? "none"
                        : String.join(", ", known)) + " on " + opType() + "); re-export the model without it");
            }
        }
        return this;
    }

    boolean has(String name) {
        return attributes.containsKey(name);
    }

    long getInt(String name, long defaultValue) {
        AttributeProto a = attributes.get(name);
        if (a == null) {
            return defaultValue;
        }
        requireType(a, AttributeProto.AttributeType.INT);
        return a.getI();
    }

    float getFloat(String name, float defaultValue) {
        AttributeProto a = attributes.get(name);
        if (a == null) {
            return defaultValue;
        }
        requireType(a, AttributeProto.AttributeType.FLOAT);
        return a.getF();
    }

    String getString(String name, String defaultValue) {
        AttributeProto a = attributes.get(name);
        if (a == null) {
            return defaultValue;
        }
        requireType(a, AttributeProto.AttributeType.STRING);
        return a.getS().toString(StandardCharsets.UTF_8);
    }

    /** The integer list {@code name}, or {@code defaultValue} (may be null) when absent. */
    long[] getInts(String name, long[] defaultValue) {
        AttributeProto a = attributes.get(name);
        if (a == null) {
            return defaultValue;
        }
        requireType(a, AttributeProto.AttributeType.INTS);
        List<Long> list = a.getIntsList();
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    AttributeProto attribute(String name) {
        return attributes.get(name);
    }

    /** Refuses an integer attribute whose value is not one of {@code allowed}, saying what to do. */
    void requireIntIn(String name, long defaultValue, String hint, long... allowed) {
        long v = getInt(name, defaultValue);
        for (long a : allowed) {
            if (a == v) {
                return;
            }
        }
        throw error("attribute " + name + "=" + v + " is not supported (NNJ takes " + name + " "
                + (allowed.length == 1 ? "= " + allowed[0] : "in " + Arrays.toString(allowed)) + "); " + hint);
    }

    private void requireType(AttributeProto a, AttributeProto.AttributeType expected) {
        // Writers older than IR 3 leave the type unset; the value fields still say what it is.
        if (a.hasType() && a.getType() != expected) {
            throw error("attribute '" + a.getName() + "' is " + a.getType() + ", expected " + expected
                    + "; the file does not follow the ONNX operator's definition");
        }
    }

    /** An int list attribute as {@code int}s, each checked to fit. */
    int[] toInts(long[] values, String name) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < Integer.MIN_VALUE || values[i] > Integer.MAX_VALUE) {
                throw error("attribute " + name + "=" + Arrays.toString(values) + " holds a value out of range");
            }
            out[i] = (int) values[i];
        }
        return out;
    }
}
