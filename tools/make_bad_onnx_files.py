#!/usr/bin/python3
"""Writes the damaged and unsupported ONNX files that ./nn must refuse in one line (issue 13), into
nn-onnx/src/test/resources/org/nnj/onnx/fixtures/bad/, for nn-examples' BadOnnxFilesTest:

  truncated.onnx           the first 4 KiB of fixtures/mlp.onnx: not a whole protobuf message
  unsupported-op.onnx      a valid model with a Cos node, which NNJ has no layer for
  conv-group2.onnx         a Conv with group=2 (grouped convolution)
  short-initializer.onnx   a Gemm whose weight holds fewer bytes than its shape [4, 6] needs
  outside-dir.onnx         a weight stored as external data at ../outside.bin: outside the model's directory

Run from the repository's root with Debian's onnx (apt-get install python3-onnx):

    /usr/bin/python3 tools/make_bad_onnx_files.py
"""
import os

import numpy as np
from onnx import TensorProto, helper, save

FIXTURES = "nn-onnx/src/test/resources/org/nnj/onnx/fixtures"
OUT = os.path.join(FIXTURES, "bad")


def model(nodes, inputs, output, initializers, opset=13):
    graph = helper.make_graph(nodes, "bad", inputs, [output], initializers)
    return helper.make_model(graph, producer_name="make_bad_onnx_files.py",
                             opset_imports=[helper.make_operatorsetid("", opset)])


def vector_input(n):
    return helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", n])


def weights(name, shape, seed):
    values = np.random.default_rng(seed).standard_normal(shape).astype(np.float32)
    return helper.make_tensor(name, TensorProto.FLOAT, shape, values.tobytes(), raw=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(FIXTURES, "mlp.onnx"), "rb") as f:
        whole = f.read()
    with open(os.path.join(OUT, "truncated.onnx"), "wb") as f:
        f.write(whole[:4096])

    out6 = helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", 6])
    save(model([helper.make_node("Gemm", ["input", "w"], ["h"], name="dense", transB=1),
                helper.make_node("Cos", ["h"], ["output"], name="wave")],
               [vector_input(4)], out6, [weights("w", [6, 4], 1)]),
         os.path.join(OUT, "unsupported-op.onnx"))

    image = helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 4, 6, 6])
    maps = helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", 4, 4, 4])
    save(model([helper.make_node("Conv", ["input", "k"], ["output"], name="grouped", kernel_shape=[3, 3], group=2)],
               [image], maps, [weights("k", [4, 2, 3, 3], 2)]),
         os.path.join(OUT, "conv-group2.onnx"))

    short = weights("w", [6, 4], 3)
    short.raw_data = short.raw_data[:40]  # 10 of the 24 floats
    save(model([helper.make_node("Gemm", ["input", "w"], ["output"], name="dense", transB=1)],
               [vector_input(4)], out6, [short]),
         os.path.join(OUT, "short-initializer.onnx"))

    outside = weights("w", [6, 4], 4)
    outside.ClearField("raw_data")
    outside.data_location = TensorProto.EXTERNAL
    for key, value in (("location", "../outside.bin"), ("offset", "0"), ("length", "96")):
        entry = outside.external_data.add()
        entry.key, entry.value = key, value
    save(model([helper.make_node("Gemm", ["input", "w"], ["output"], name="dense", transB=1)],
               [vector_input(4)], out6, [outside]),
         os.path.join(OUT, "outside-dir.onnx"))
    for name in sorted(os.listdir(OUT)):
        print("%-24s %6d bytes" % (name, os.path.getsize(os.path.join(OUT, name))))


if __name__ == "__main__":
    main()
