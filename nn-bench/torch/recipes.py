#!/usr/bin/python3
"""PyTorch reference runs of NNJ's accuracy recipes (docs/ACCURACY.md): the same architectures, optimizer,
weight decay, cosine schedule per step, batch size and epochs as `./nn train --model mlp-wide|cnn-bn`, on the
full Fashion-MNIST, pixels scaled to [0, 1], no augmentation, no validation split.

Run with Debian's PyTorch (apt-get install python3-torch python3-numpy libopenblas0-pthread):

    FASHION_MNIST_DIR=DIR /usr/bin/python3 nn-bench/torch/recipes.py mlp-wide [--epochs N] [--threads 2]

It prints one line per epoch (loss, training accuracy, test accuracy, seconds) and a JSON line at the end.
Differences that remain: PyTorch's default initialisation (Kaiming-uniform) against NNJ's Xavier, and its own
random streams, so figures agree in level, not digit for digit.
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("model", choices=["mlp-wide", "cnn-bn"])
ap.add_argument("--epochs", type=int)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--seed", type=int, default=42)
args = ap.parse_args()
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import numpy as np  # noqa: E402  (thread settings must come first)
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    _, _, ndim = struct.unpack(">HBB", raw[:4])
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(directory, name):
    def find(stem):
        for candidate in (stem, stem + ".gz"):
            if os.path.exists(os.path.join(directory, candidate)):
                return os.path.join(directory, candidate)
        sys.exit(f"recipes.py: no {stem}[.gz] in {directory}")
    x = read_idx(find(f"{name}-images-idx3-ubyte")).astype(np.float32) / np.float32(255)
    y = read_idx(find(f"{name}-labels-idx1-ubyte")).astype(np.int64)
    return torch.from_numpy(x.reshape(-1, 1, 28, 28)), torch.from_numpy(y)


def mlp_wide():
    return nn.Sequential(nn.Flatten(), nn.Dropout(0.2),
                         nn.Linear(784, 1024), nn.ReLU(), nn.Dropout(0.4),
                         nn.Linear(1024, 512), nn.ReLU(), nn.Dropout(0.4),
                         nn.Linear(512, 10))


def cnn_bn():
    def block(cin, cout):
        return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(), nn.MaxPool2d(2)]
    return nn.Sequential(*block(1, 32), *block(32, 64), *block(64, 128), nn.Flatten(), nn.Dropout(0.3),
                         nn.Linear(128 * 3 * 3, 256), nn.ReLU(), nn.Dropout(0.4), nn.Linear(256, 10))


# The recipes of nn-examples' AccuracyRecipes: model, epochs, batch, lr, weight decay (AdamW), cosine per step.
RECIPES = {"mlp-wide": (mlp_wide, 30, 128, 1e-3, 0.05), "cnn-bn": (cnn_bn, 15, 128, 2e-3, 0.05)}

directory = os.environ.get("FASHION_MNIST_DIR") or sys.exit("recipes.py: set FASHION_MNIST_DIR")
x_train, y_train = load(directory, "train")
x_test, y_test = load(directory, "t10k")
build, epochs, batch, lr, wd = RECIPES[args.model]
epochs = args.epochs or epochs
model = build()
opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
steps_per_epoch = math.ceil(len(x_train) / batch)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=epochs * steps_per_epoch)


def test_accuracy():
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x_test), 1000):
            correct += (model(x_test[i:i + 1000]).argmax(1) == y_test[i:i + 1000]).sum().item()
    model.train()
    return correct / len(x_test)


history = []
start = time.time()
for epoch in range(1, epochs + 1):
    t0 = time.time()
    order = torch.randperm(len(x_train))
    total_loss, correct = 0.0, 0
    for i in range(0, len(x_train), batch):
        idx = order[i:i + batch]
        logits = model(x_train[idx])
        loss = F.cross_entropy(logits, y_train[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        total_loss += loss.item() * len(idx)
        correct += (logits.argmax(1) == y_train[idx]).sum().item()
    seconds = time.time() - t0
    acc = test_accuracy()
    history.append({"epoch": epoch, "loss": total_loss / len(x_train), "train_accuracy": correct / len(x_train),
                    "test_accuracy": acc, "seconds": seconds})
    print(f"epoch {epoch}/{epochs}  {seconds:.1f} s  loss {total_loss / len(x_train):.4f}"
          f"  train acc {correct / len(x_train):.4f}  test acc {acc:.4f}", file=sys.stderr, flush=True)
print(json.dumps({"model": args.model, "torch": torch.__version__, "threads": args.threads, "epochs": epochs,
                  "batch": batch, "lr": lr, "weight_decay": wd, "seconds": time.time() - start,
                  "test_accuracy": history[-1]["test_accuracy"], "history": history}))
