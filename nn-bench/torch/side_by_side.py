#!/usr/bin/python3
"""PyTorch's side of nn-bench/side-by-side: the models of NNJ's ModelCatalog (mlp, lenet, cnn) trained at
batch 64 (Adam lr 1e-3, softmax cross-entropy) and run for inference at batch 64 and 1000, in images/s; and
the table that puts those figures beside NNJ's TrainStepBenchmark.

    /usr/bin/python3 nn-bench/torch/side_by_side.py measure --threads 1 --seconds 12 --out torch-1t.json
    /usr/bin/python3 nn-bench/torch/side_by_side.py table torch-1t.json torch-2t.json --nnj nnj-jmh.json --out all.json

`measure` needs python3-torch; set the thread environment (OPENBLAS_NUM_THREADS, jemalloc) before it starts,
as nn-bench/side-by-side does: OpenBLAS reads its thread count when it is loaded. `table` needs only Python.

How a case is timed: random inputs of the model's shape (a step's speed does not depend on the values, and
NNJ's benchmark does the same), a warm-up of at least 1 s, then back-to-back segments of --segment seconds
until --seconds have passed. Each segment records how much CPU the rest of the machine used meanwhile (from
/proc/stat); the figure is the median rate of the quiet segments (others used < 0.1 core), or of all of
them, flagged "noisy", when none was quiet. The median, not the mean: one slow episode on a shared machine
must not decide the figure. NNJ's figure is read the same way: the median of its JMH iterations' rates (JMH's
own score is their mean).
"""
import argparse
import json
import os
import statistics
import sys
import time

MODELS = ("mlp", "lenet", "cnn")
CASES = (("train", 64), ("infer", 64), ("infer", 1000))
QUIET_CORES = 0.1


def build(name):
    """The architecture of ModelCatalog's entry `name`, layer for layer (NNJ's conv2d: stride 1, padding
    0 unless "same"; max_pool2d: stride = kernel)."""
    import torch.nn as nn
    if name == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    if name == "lenet":
        return nn.Sequential(
            nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(16 * 4 * 4, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    if name == "cnn":
        return nn.Sequential(
            nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(64 * 7 * 7, 1024), nn.ReLU(), nn.Dropout(0.4), nn.Linear(1024, 10))
    raise SystemExit(f"side_by_side.py: unknown model {name!r}; known: {', '.join(MODELS)}")


def input_shape(name):
    return (784,) if name == "mlp" else (1, 28, 28)


def machine_busy():
    """Busy CPU seconds of the whole machine so far (user, nice, system, irq, softirq from /proc/stat)."""
    with open("/proc/stat") as f:
        v = [int(t) for t in f.readline().split()[1:]]
    return (v[0] + v[1] + v[2] + v[5] + v[6]) / os.sysconf("SC_CLK_TCK")


def timed(work, images_per_call, seconds, segment):
    """Runs work() for a warm-up, then in segments; returns the case's result (see the module's doc)."""
    end = time.perf_counter() + max(1.0, min(3.0, seconds / 4))
    while time.perf_counter() < end:
        work()
    segments = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or not segments:
        busy0, own0, t0 = machine_busy(), time.process_time(), time.perf_counter()
        calls = 0
        while time.perf_counter() - t0 < segment:
            work()
            calls += 1
        wall = time.perf_counter() - t0
        others = max(0.0, (machine_busy() - busy0) - (time.process_time() - own0)) / wall
        segments.append({"images_per_s": calls * images_per_call / wall, "other_cores": round(others, 3)})
    quiet = [s["images_per_s"] for s in segments if s["other_cores"] < QUIET_CORES]
    rates = quiet or [s["images_per_s"] for s in segments]
    return {"images_per_s": statistics.median(rates), "segments": segments, "quiet_segments": len(quiet),
            "noisy": not quiet}


def measure(args):
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    results = []
    for name in args.models:
        for kind, batch in CASES:
            net = build(name)
            g = torch.Generator().manual_seed(7)
            x = torch.rand((batch,) + input_shape(name), generator=g)
            y = torch.randint(0, 10, (batch,), generator=g)
            if kind == "train":
                net.train()
                opt = torch.optim.Adam(net.parameters(), lr=1e-3)

                def work():
                    opt.zero_grad(set_to_none=True)
                    F.cross_entropy(net(x), y).backward()
                    opt.step()
            else:
                net.eval()

                def work():
                    with torch.inference_mode():
                        net(x)
            r = timed(work, batch, args.seconds, args.segment)
            r.update(model=name, case=kind, batch=batch, threads=args.threads)
            print(f"  pytorch {args.threads}T {name:5s} {kind} b{batch}: {r['images_per_s']:,.0f} images/s"
                  + (" (noisy: no quiet segment)" if r["noisy"] else ""), file=sys.stderr, flush=True)
            results.append(r)
    doc = {"torch": torch.__version__, "threads": args.threads, "torch_threads": torch.get_num_threads(),
           "environment": {k: os.environ.get(k) for k in
                           ("LD_PRELOAD", "MALLOC_CONF", "OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS",
                            "OMP_NUM_THREADS")},
           "seconds": args.seconds, "segment": args.segment, "results": results}
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=1)


def nnj_rates(jmh):
    """images/s per (model, case, batch, threads) from a JMH JSON file of TrainStepBenchmark: the median of
    the iterations' rates, as PyTorch's figure is the median of its segments'."""
    rates = {}
    for run in jmh:
        method = run["benchmark"].rsplit(".", 1)[1]
        p = run["params"]
        kind = "train" if method == "trainStep" else "infer"
        batch = 64 if kind == "train" else int(p["batch"])
        images = run.get("secondaryMetrics", {}).get("images")
        metric, scale = (images, 1) if images else (run["primaryMetric"], batch)
        iterations = [v for fork in metric.get("rawData") or [] for v in fork]
        rate = statistics.median(iterations) if iterations else metric["score"]
        rates[(p["model"], kind, batch, int(p["threads"]))] = rate * scale
    return rates


def table(args):
    torch_rates = {}
    torch_docs = []
    for path in args.torch:
        with open(path) as f:
            doc = json.load(f)
        torch_docs.append(doc)
        for r in doc["results"]:
            torch_rates[(r["model"], r["case"], r["batch"], r["threads"])] = r["images_per_s"]
    nnj = {}
    for path in args.nnj:
        with open(path) as f:
            nnj.update(nnj_rates(json.load(f)))

    def fmt(v, pattern="{:,.0f}"):
        return "-" if v is None else pattern.format(v)

    def ratio(a, b):
        return None if a is None or b is None or b == 0 else a / b

    rows = []
    header = ("model", "case", "PyTorch 1T", "NNJ 1T", "NNJ/PT 1T", "PyTorch 2T", "NNJ 2T", "NNJ/PT 2T",
              "NNJ 2T/1T")
    lines = [header]
    for name in MODELS:
        for kind, batch in CASES:
            row = {"model": name, "case": f"{kind} b{batch}"}
            for t in (1, 2):
                row[f"pytorch_{t}t"] = torch_rates.get((name, kind, batch, t))
                row[f"nnj_{t}t"] = nnj.get((name, kind, batch, t))
                row[f"nnj_over_pytorch_{t}t"] = ratio(row[f"nnj_{t}t"], row[f"pytorch_{t}t"])
            row["nnj_2t_over_1t"] = ratio(row["nnj_2t"], row["nnj_1t"])
            rows.append(row)
            lines.append((name, row["case"], fmt(row["pytorch_1t"]), fmt(row["nnj_1t"]),
                          fmt(row["nnj_over_pytorch_1t"], "{:.2f}"), fmt(row["pytorch_2t"]), fmt(row["nnj_2t"]),
                          fmt(row["nnj_over_pytorch_2t"], "{:.2f}"), fmt(row["nnj_2t_over_1t"], "{:.2f}")))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    print("images/s (higher is better); NNJ/PT > 1: NNJ is faster")
    for i, line in enumerate(lines):
        print("  ".join(c.ljust(w) if j < 2 else c.rjust(w) for j, (c, w) in enumerate(zip(line, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    noisy = [f"{r['model']} {r['case']} b{r['batch']} {r['threads']}T" for d in torch_docs for r in d["results"]
             if r["noisy"]]
    if noisy:
        print(f"warning: {len(noisy)} PyTorch case(s) without a quiet segment, the machine was busy:"
              f" {', '.join(noisy[:4])}{', ...' if len(noisy) > 4 else ''} (see the JSON's other_cores)")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"rows": rows, "pytorch": torch_docs, "nnj_jmh": args.nnj, "note": args.note}, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure", help="time PyTorch (needs python3-torch)")
    m.add_argument("--threads", type=int, required=True)
    m.add_argument("--seconds", type=float, default=12.0, help="timed seconds per case (default 12)")
    m.add_argument("--segment", type=float, default=2.0, help="seconds per timed segment (default 2)")
    m.add_argument("--models", nargs="+", default=list(MODELS), choices=MODELS)
    m.add_argument("--out", required=True)
    t = sub.add_parser("table", help="print PyTorch's and NNJ's figures side by side")
    t.add_argument("torch", nargs="*", help="JSON files written by measure")
    t.add_argument("--nnj", required=True, action="append",
                   help="a JMH JSON file of TrainStepBenchmark (repeat for several)")
    t.add_argument("--out", help="write the rows and the raw results as one JSON file")
    t.add_argument("--note", default="", help="a note stored in the JSON (machine, JDK)")
    args = ap.parse_args()
    measure(args) if args.command == "measure" else table(args)


if __name__ == "__main__":
    main()
