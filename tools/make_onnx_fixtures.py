#!/usr/bin/python3
"""ONNX fixtures for nn-onnx's import tests: small models exported by PyTorch itself, with inputs and outputs.

Run from the repository's root with Debian's PyTorch and onnx (/usr/bin/python3: torch 1.13, onnx 1.12):

    /usr/bin/python3 tools/make_onnx_fixtures.py

It writes, under nn-onnx/src/test/resources/org/nnj/onnx/fixtures/:

  NAME.onnx            the model, exported by torch.onnx.export in eval mode (fixed seed, batch axis dynamic)
  NAME.input.bin       a batch of inputs, float32 little-endian, row-major
  NAME.output.bin      what the PyTorch model gives for them, float32 little-endian, row-major
  fixtures.txt         the manifest: one line per model, "name file opset input-shape output-shape"
  external/...         one model whose weights are external data (onnx's save_as_external_data)

The Java tests read these files and never need Python. The models are the ones issue 13 names: the MLP
784-256-128-10, LeNet-5, the Fashion-MNIST CNN (its dense layer shrunk from 1024 to 128 units to keep the
file small), a model with batch normalisation (running statistics made non-trivial by training-mode passes),
one with reflect and replicate padding modes (exported as Pad + Conv), one with explicit F.pad calls, and
one with its weights in an external file (MatMul + Add, Gemm). Opsets 11, 13 and 17.
"""
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join("nn-onnx", "src", "test", "resources", "org", "nnj", "onnx", "fixtures")
BATCH = 3


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                                 nn.Linear(128, 10))

    def forward(self, x):
        return self.net(x)


class LeNet5(nn.Module):
    """LeNet-5 as LeCun drew it: tanh, average pooling; the flatten is a view (exported as Reshape [-1, 400])."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5, padding=2)
        self.c3 = nn.Conv2d(6, 16, 5)
        self.f5 = nn.Linear(400, 120)
        self.f6 = nn.Linear(120, 84)
        self.out = nn.Linear(84, 10)

    def forward(self, x):
        x = F.avg_pool2d(torch.tanh(self.c1(x)), 2)
        x = F.avg_pool2d(torch.tanh(self.c3(x)), 2)
        x = x.view(-1, 400)
        x = torch.tanh(self.f5(x))
        x = torch.tanh(self.f6(x))
        return F.softmax(self.out(x), dim=1)


class Cnn(nn.Module):
    """./nn train's CNN: conv5x5 32 same, pool, conv5x5 64 same, pool, dense (128 here, not 1024), dropout, 10."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10),
            nn.LogSoftmax(dim=1))

    def forward(self, x):
        return self.net(x)


class BatchNormNet(nn.Module):
    """Batch norm after an activation (so that the exporter cannot fold it into the convolution)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.act = nn.LeakyReLU(0.1)
        self.bn = nn.BatchNorm2d(8)
        self.pool = nn.AdaptiveAvgPool2d(1)  # exported as GlobalAveragePool
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        x = self.pool(self.bn(self.act(self.conv(x))))
        return torch.sigmoid(self.fc(torch.flatten(x, 1)))


class PaddingModes(nn.Module):
    """Padding modes other than zeros: PyTorch exports them as a Pad node before an unpadded Conv."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(2, 4, 3, padding=1, padding_mode="reflect")
        self.c2 = nn.Conv2d(4, 4, 3, padding=(2, 1), padding_mode="replicate", dilation=(2, 1))
        self.c3 = nn.Conv2d(4, 2, 3, stride=2, padding=1)
        self.fc = nn.Linear(2 * 5 * 5, 3)

    def forward(self, x):
        x = torch.relu(self.c1(x))
        x = torch.sigmoid(self.c2(x))
        x = self.c3(x)
        return self.fc(torch.flatten(x, 1))


class ExplicitPad(nn.Module):
    """F.pad written out: asymmetric zeros before a padded convolution, edge before a convolution, zeros
    before an average pool that counts the padding."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 3, 3, padding=1)
        self.c2 = nn.Conv2d(3, 3, 3)
        self.fc = nn.Linear(3 * 5 * 6, 2)

    def forward(self, x):
        x = self.c1(F.pad(x, (1, 2, 0, 1)))  # left 1, right 2, top 0, bottom 1
        x = torch.tanh(x)
        x = self.c2(F.pad(x, (1, 1, 1, 1), mode="replicate"))
        x = F.avg_pool2d(F.pad(x, (1, 1, 1, 1)), 3, stride=2)
        return F.log_softmax(self.fc(torch.flatten(x, 1)), dim=-1)


class MatMulNet(nn.Module):
    """x @ W + b (exported as MatMul + Add, W stored [in, out]) then a Linear (Gemm)."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(20, 16) * 0.3)
        self.b = nn.Parameter(torch.randn(16) * 0.1)
        self.fc = nn.Linear(16, 3)

    def forward(self, x):
        return self.fc(torch.relu(x @ self.w + self.b))


def stats(model, shape):
    """Training-mode passes so that batch norm's running statistics are far from 0 and 1."""
    model.train()
    with torch.no_grad():
        for _ in range(5):
            model(torch.randn(*shape) * 2 + 0.5)
        model.bn.weight.copy_(torch.rand(8) + 0.5)
        model.bn.bias.copy_(torch.randn(8) * 0.2)


def export(name, model, sample_shape, opset, manifest, directory=OUT, external=False):
    model.eval()
    x = torch.randn(BATCH, *sample_shape)
    with torch.no_grad():
        y = model(x)
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=opset, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "N"}, "output": {0: "N"}}, do_constant_folding=True)
    proto = onnx.load(path)
    onnx.checker.check_model(proto)
    if external:
        onnx.save_model(proto, path, save_as_external_data=True, all_tensors_to_one_file=True,
                        location=name + ".weights", size_threshold=0)
    x.numpy().astype("<f4").tofile(os.path.join(directory, name + ".input.bin"))
    y.numpy().astype("<f4").tofile(os.path.join(directory, name + ".output.bin"))
    ops = sorted({n.op_type for n in proto.graph.node})
    rel = os.path.relpath(path, OUT)
    manifest.append("%s %s %d %s %s" % (name, rel, opset, "x".join(map(str, x.shape)),
                                         "x".join(map(str, y.shape))))
    print("%-10s opset %d %8d bytes  %s" % (name, opset, os.path.getsize(path), " ".join(ops)), file=sys.stderr)


def main():
    torch.manual_seed(0)
    manifest = ["# name file opset input-shape output-shape (written by tools/make_onnx_fixtures.py)"]
    export("mlp", Mlp(), (784,), 13, manifest)
    export("lenet", LeNet5(), (1, 28, 28), 11, manifest)
    export("cnn", Cnn(), (1, 28, 28), 17, manifest)
    bn = BatchNormNet()
    stats(bn, (16, 3, 9, 9))
    export("batchnorm", bn, (3, 9, 9), 13, manifest)
    export("padmodes", PaddingModes(), (2, 10, 10), 13, manifest)
    export("pad", ExplicitPad(), (1, 8, 8), 11, manifest)
    export("matmul", MatMulNet(), (20,), 13, manifest, directory=os.path.join(OUT, "external"), external=True)
    with open(os.path.join(OUT, "fixtures.txt"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
