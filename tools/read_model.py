#!/usr/bin/env python3
"""Read an NNJ model file with numpy and json alone, and run the model on images.

An NNJ model file is a safetensors file: an 8-byte little-endian header length N,
N bytes of JSON (each tensor's dtype, shape and data offsets, and a
"__metadata__" object of strings), then the tensors' little-endian bytes. NNJ
keeps the architecture as JSON in the metadata string "nnj.architecture", and
the parameters under the names "<layer index>.<parameter>", for example
"0.weight" of shape [out, in] (PyTorch's layout for nn.Linear).

This script reads all of it without NNJ or the safetensors package and runs
the forward pass of the models made of dense and activation layers (the MLPs
of ./nn train), in float64.

    python3 tools/read_model.py MODEL --images t10k-images-idx3-ubyte.gz --count 5
    python3 tools/read_model.py MODEL --images IDX --count 5 --json   # logits as JSON

In your own code, the weights are two lines away:

    tensors, metadata = read_safetensors("model.safetensors")
    w = tensors["0.weight"]                      # numpy float32 array [out, in]
"""

import argparse
import gzip
import json
import struct
import sys

import numpy as np


def read_safetensors(path):
    """Returns ({name: float32 array}, {metadata key: string}) of a safetensors file of F32 tensors."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: too short for a safetensors file")
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        raise ValueError(f"{path}: the header length {n} is beyond the end of the file")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    start = 8 + n
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name} is {entry['dtype']}; this script reads F32 only")
        begin, end = entry["data_offsets"]
        count = (end - begin) // 4
        if start + end > len(data) or count != int(np.prod(entry["shape"], dtype=np.int64)):
            raise ValueError(f"{path}: tensor {name} does not fit its header entry")
        tensors[name] = np.frombuffer(data, dtype="<f4", count=count, offset=start + begin).reshape(entry["shape"])
    return tensors, metadata


def read_idx(path):
    """An IDX array (MNIST's format), plain or gzip-compressed, as a numpy array."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    zero, dtype_code, rank = struct.unpack(">HBB", data[:4])
    types = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
    if zero != 0 or dtype_code not in types:
        raise ValueError(f"{path}: not an IDX file")
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=types[dtype_code], offset=4 + 4 * rank).reshape(dims)


def activation(name, config, x):
    if name == "relu":
        return np.maximum(x, 0)
    if name == "leaky_relu":
        return np.where(x > 0, x, config.get("alpha", 0.01) * x)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-x))
    if name == "tanh":
        return np.tanh(x)
    if name == "identity":
        return x
    if name == "softmax":
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    raise SystemExit(f"activation '{name}' is not supported by this script")


def forward(architecture, tensors, x):
    """The model's outputs for a batch x of shape [N, *input_shape], in float64."""
    x = x.astype(np.float64)
    for i, layer in enumerate(architecture["layers"]):
        kind, config = layer["type"], layer["config"]
        if kind == "dense":
            x = x @ tensors[f"{i}.weight"].astype(np.float64).T
            if config.get("bias", True):
                x = x + tensors[f"{i}.bias"].astype(np.float64)
        elif kind == "activation":
            x = activation(config["function"], config, x)
        elif kind == "flatten":
            x = x.reshape(len(x), -1)
        else:
            raise SystemExit(f"layer {i} has type '{kind}', which this script does not run")
    return x


def main():
    parser = argparse.ArgumentParser(description="Run an NNJ model file with numpy.")
    parser.add_argument("model", help="the model file (./nn train --save FILE)")
    parser.add_argument("--images", required=True, help="an IDX file of images [n, rows, cols], unsigned bytes")
    parser.add_argument("--count", type=int, default=5, help="how many images, from the first (default 5)")
    parser.add_argument("--json", action="store_true", help="print the logits as JSON")
    args = parser.parse_args()

    tensors, metadata = read_safetensors(args.model)
    architecture = json.loads(metadata["nnj.architecture"])
    names = json.loads(metadata.get("nnj.class_names", "[]"))
    images = read_idx(args.images)[:args.count]
    # Pixels as NNJ's FashionMnist reads them: byte / 255, in float32.
    x = (images.astype(np.float32) / np.float32(255)).reshape([len(images)] + architecture["input_shape"])
    logits = forward(architecture, tensors, x)

    if args.json:
        json.dump({"logits": logits.tolist()}, sys.stdout)
        print()
        return
    for i, row in enumerate(logits):
        best = int(np.argmax(row))
        label = names[best] if names else str(best)
        print(f"image {i}: {label}  logits {np.array2string(row, precision=4)}")


if __name__ == "__main__":
    main()
