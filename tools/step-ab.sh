#!/usr/bin/env bash
# Compares the step of a model in two builds of NNJ in one JVM (tools/step-ab/StepAB.java): alternating blocks
# of 10 steps, so that the machine's load hits both alike; separate JVMs on a shared machine spread by more
# than the 1-2 % a kernel change is worth. A build is a class path file, one line of jars separated by ':'; make
# one from a build with `tools/step-ab.sh --classpath > FILE` (it copies the jars so the build may then change).
#   tools/step-ab.sh before.cp after.cp [MODEL THREADS BATCH infer|train SECONDS]   default: mlp 1 1000 infer 40
# JAVA (default: temurin 25) runs it; NICE (default 19) is the niceness.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
javac="$(dirname "$java")/javac"
target="$root/nn-examples/target"
if [ "${1:-}" = "--classpath" ]; then
    copy="$(mktemp -d)"
    cp "$target/nn-examples.jar" "$target"/lib/*.jar "$copy/"
    echo "$copy/nn-examples.jar:$(sed "s#lib/#$copy/#g" "$target/launcher-module-path.txt")"
    exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/runner" "$work/main"
"$javac" -nowarn --add-modules jdk.incubator.vector -cp "$(cat "$1")" -d "$work/runner" "$root/tools/step-ab/StepRunner.java" 2>&1 | grep -v '^warning\|^Note' || true
"$javac" -d "$work/main" "$root/tools/step-ab/StepAB.java"
nice -n "${NICE:-19}" "$java" --add-modules jdk.incubator.vector -cp "$work/main" StepAB "${3:-mlp}" "${4:-1}" "${5:-1000}" \
    "${6:-infer}" "${7:-40}" "$work/runner" "$1" "$2" 2>&1 | grep -v '^WARNING'
