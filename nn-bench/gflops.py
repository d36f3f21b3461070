#!/usr/bin/env python3
"""Turns a JMH JSON result file of GemmBenchmark into a GFLOPS table.

    java -jar nn-bench/target/benchmarks.jar GemmBenchmark -rf json -rff gemm.json
    python3 nn-bench/gflops.py [--median] gemm.json

One JMH operation is one GEMM call of shape MxNxK, so GFLOPS = 2*M*N*K * (ops/s) / 1e9. Prints one row
per shape and thread count, one column per implementation, and the ratio simd / openblas; then, for
every shape measured on more than one thread count, each implementation's speed-up over one thread.

By default a cell is JMH's score, the mean over all measurement iterations, with its 99.9% error. With
--median it is the median iteration instead, with the slowest and fastest iteration beside it: on a
shared virtual machine, where another tenant can take a core away for seconds, one such episode drags a
mean down while the median stays with the typical iteration. Both come from the same JMH run.
"""
import json
import statistics
import sys


def main(path, median):
    with open(path) as f:
        results = json.load(f)
    table = {}
    impls = []
    for r in results:
        if not r["benchmark"].endswith("GemmBenchmark.gemm"):
            continue
        p = r["params"]
        m, n, k = (int(x) for x in p["shape"].split("x"))
        metric = r["primaryMetric"]
        if metric["scoreUnit"] != "ops/s":
            sys.exit("expected throughput in ops/s, got " + metric["scoreUnit"])
        to_gflops = 2.0 * m * n * k / 1e9
        iterations = [x * to_gflops for fork in metric["rawData"] for x in fork]
        if median:
            cell = (statistics.median(iterations), "[%.0f..%.0f]" % (min(iterations), max(iterations)))
        else:
            error = metric.get("scoreError")
            error = "+- %.1f" % (to_gflops * error) if isinstance(error, (int, float)) else "+- nan"
            cell = (to_gflops * metric["score"], error)
        table.setdefault((p["shape"], int(p["threads"])), {})[p["impl"]] = cell
        if p["impl"] not in impls:
            impls.append(p["impl"])
    if not table:
        sys.exit("no GemmBenchmark.gemm results in " + path)

    def order(key):
        shape, threads = key
        m, n, k = (int(x) for x in shape.split("x"))
        return (m * n * k, shape, threads)

    header = "%-16s %7s" % ("shape", "threads") + "".join("%22s" % i for i in impls) + "%16s" % "simd/openblas"
    print(header)
    print("-" * len(header))
    for key in sorted(table, key=order):
        row = table[key]
        cells = "".join("%22s" % ("%.1f %s" % row[i] if i in row else "-") for i in impls)
        ratio = "-"
        if "simd" in row and "openblas" in row and row["openblas"][0] > 0:
            ratio = "%.2f" % (row["simd"][0] / row["openblas"][0])
        print("%-16s %7d" % key + cells + "%16s" % ratio)
    print()
    statistic = "median iteration [slowest..fastest]" if median else "mean of the iterations (+- JMH's 99.9% error)"
    print("GFLOPS = 2*M*N*K * ops/s / 1e9, " + statistic)

    scaling = []
    for (shape, threads) in sorted(table, key=order):
        one = table.get((shape, 1))
        if threads == 1 or one is None:
            continue
        row = table[(shape, threads)]
        cells = "".join("%12s" % ("%.2fx" % (row[i][0] / one[i][0]) if i in row and i in one else "-") for i in impls)
        scaling.append("%-16s %7d" % (shape, threads) + cells)
    if scaling:
        print()
        print("Speed-up over one thread")
        print("%-16s %7s" % ("shape", "threads") + "".join("%12s" % i for i in impls))
        for line in scaling:
            print(line)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--median"]
    if len(args) != 1:
        sys.exit("usage: gflops.py [--median] RESULT.json"
                 "  (from: java -jar benchmarks.jar GemmBenchmark -rf json -rff RESULT.json)")
    main(args[0], "--median" in sys.argv[1:])
