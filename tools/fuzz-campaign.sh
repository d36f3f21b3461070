#!/usr/bin/env bash
# A long fuzzing campaign for one or all of NNJ's fuzz targets (docs/FUZZING.md).
#
#   tools/fuzz-campaign.sh [-r RUNS] [-t SECONDS] [TARGET...]
#
# TARGET is a fuzz test class (IdxReaderFuzzTest, ModelFileFuzzTest, ...; all when none is given).
# Each runs with the standalone Jazzer driver on the test class path, with libFuzzer's flags:
#   -runs=RUNS (default 1000000 inputs) and -max_total_time=SECONDS (default 0: no time limit),
#   -timeout=60 (an input that takes longer is a hang; the tests themselves flag one over 3 s, and the
#   first input, which loads and instruments the classes, can take 10 s on a busy machine), in a JVM
#   of -Xmx3g and no RSS limit (the JVM keeps the heap it had; an OutOfMemoryError is the finding).
# The working corpus grows in target/fuzz-corpus/<Class>/ (seeded from the committed
# <Class>Inputs/<method>/ directory); crashing inputs are written to target/fuzz-findings/<Class>/, and the
# log of each run to target/fuzz-logs/<Class>.log. A campaign goes on after a finding (up to 100 distinct ones). Known findings are tolerated as in mvn verify; pass
# JAZZER_JVM_ARGS=-Dnnj.fuzz.knownFindings=fail to report them too.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=1000000
seconds=0
while getopts "r:t:" opt; do
  case $opt in
    r) runs=$OPTARG ;;
    t) seconds=$OPTARG ;;
    *) echo "usage: $0 [-r RUNS] [-t SECONDS] [TARGET...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

# module:package:class:method for every fuzz target.
all=(
  nn-core:org.nnj.core.data:IdxReaderFuzzTest:read
  nn-core:org.nnj.core.data:IdxGzipFuzzTest:read
  nn-core:org.nnj.core.io:SafetensorsFuzzTest:read
  nn-core:org.nnj.core.io:ArchitectureJsonFuzzTest:parse
  nn-examples:org.nnj.examples.fuzz:ModelFileFuzzTest:read
  nn-examples:org.nnj.examples.fuzz:ModelFileMetadataFuzzTest:read
  nn-examples:org.nnj.examples.fuzz:GreyImagesFuzzTest:read
)
targets=()
for t in "${all[@]}"; do
  class=$(cut -d: -f3 <<<"$t")
  if [ $# -eq 0 ]; then targets+=("$t"); continue; fi
  for want in "$@"; do [ "$want" = "$class" ] && targets+=("$t"); done
done
[ ${#targets[@]} -gt 0 ] || { echo "no such target: $*" >&2; exit 2; }

# Compile the tests and write each module's test class path (sibling modules as target/classes);
# NNJ_FUZZ_NO_BUILD=1 skips this (for campaigns started side by side after one build).
[ -n "${NNJ_FUZZ_NO_BUILD:-}" ] || mvn -B -q -pl nn-examples -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test -Djapicmp.skip=true

for t in "${targets[@]}"; do
  IFS=: read -r module package class method <<<"$t"
  cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/fuzz-classpath.txt")"
  seeds="$module/src/test/resources/${package//.//}/${class}Inputs/$method"
  corpus="target/fuzz-corpus/$class"
  findings="target/fuzz-findings/$class"
  mkdir -p "$corpus" "$findings" target/fuzz-logs
  echo "== $class: $runs runs (max ${seconds}s), log target/fuzz-logs/$class.log"
  set +e
  java -Xmx3g ${JAZZER_JVM_ARGS:-} -cp "$cp" com.code_intelligence.jazzer.Jazzer \
    --target_class="$package.$class" --target_method="$method" \
    --instrumentation_includes='org.nnj.**' \
    --keep_going=100 \
    -runs="$runs" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=0 \
    -artifact_prefix="$findings/" -print_final_stats=1 \
    "$corpus" "$seeds" >"target/fuzz-logs/$class.log" 2>&1
  status=$?
  set -e
  grep -E "^(#[0-9]+ +(INITED|DONE)|Done [0-9]+ runs|stat::)" "target/fuzz-logs/$class.log" | tail -12 || true
  if [ $status -ne 0 ]; then
    echo "   FINDING or failure (exit $status): see the log and $findings/"
  fi
done
