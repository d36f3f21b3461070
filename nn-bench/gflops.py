#!/usr/bin/env python3
"""Turns a JMH JSON result file of GemmBenchmark into a GFLOPS table.

    java -jar nn-bench/target/benchmarks.jar GemmBenchmark -rf json -rff gemm.json
    python3 nn-bench/gflops.py gemm.json

One JMH operation is one GEMM call of shape MxNxK, so GFLOPS = 2*M*N*K * (ops/s) / 1e9. Prints one row
per shape and thread count, one column per implementation, and the ratio simd / openblas.
"""
import json
import sys


def main(path):
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
        flops = 2.0 * m * n * k
        gflops = flops * metric["score"] / 1e9
        error = metric.get("scoreError")
        error = flops * error / 1e9 if isinstance(error, (int, float)) else float("nan")
        key = (p["shape"], int(p["threads"]))
        table.setdefault(key, {})[p["impl"]] = (gflops, error)
        if p["impl"] not in impls:
            impls.append(p["impl"])
    if not table:
        sys.exit("no GemmBenchmark.gemm results in " + path)

    header = "%-16s %7s" % ("shape", "threads") + "".join("%20s" % i for i in impls) + "%16s" % "simd/openblas"
    print(header)
    print("-" * len(header))
    def order(key):
        shape, threads = key
        m, n, k = (int(x) for x in shape.split("x"))
        return (m * n * k, shape, threads)
    for key in sorted(table, key=order):
        row = table[key]
        cells = ""
        for i in impls:
            if i in row:
                g, e = row[i]
                cells += "%20s" % ("%.1f +- %.1f" % (g, e))
            else:
                cells += "%20s" % "-"
        ratio = "-"
        if "simd" in row and "openblas" in row and row["openblas"][0] > 0:
            ratio = "%.2f" % (row["simd"][0] / row["openblas"][0])
        print("%-16s %7d" % key + cells + "%16s" % ratio)
    print()
    print("GFLOPS = 2*M*N*K * ops/s / 1e9 (+- JMH's 99.9% error)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: gflops.py RESULT.json  (from: java -jar benchmarks.jar GemmBenchmark -rf json -rff RESULT.json)")
    main(sys.argv[1])
