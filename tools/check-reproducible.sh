#!/usr/bin/env bash
# Builds the release twice from clean (mvn -Prelease clean deploy, tests skipped: they do not change the artifacts)
# and compares the sha256 of every jar: the modules' target/*.jar (published or not, nn-bench's shaded
# benchmarks.jar and nn-examples' jar included) and every jar staged in target/staging-repo (SNAPSHOT time stamps
# in their file names normalised). Exit status 0 when both builds gave byte-identical jars. See docs/RELEASING.md.
#   tools/check-reproducible.sh [extra mvn options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$(mktemp -d)"

hashes() {
  {
    find . -path ./target -prune -o -path ./nn-it -prune -o -path '*/target/*.jar' -print
    find target/staging-repo -name '*.jar'
  } | LC_ALL=C sort | xargs sha256sum \
    | sed -E 's/-[0-9]{8}\.[0-9]{6}-[0-9]+(-[a-z]+)?\.jar$/-SNAPSHOT\1.jar/'
}

for i in 1 2; do
  echo "release build $i..."
  mvn -B -q -Prelease clean deploy -DskipTests "$@" > "$out/build$i.log" 2>&1 \
    || { tail -50 "$out/build$i.log"; exit 1; }
  hashes > "$out/sha256-$i.txt"
done
echo "$(wc -l < "$out/sha256-1.txt") jars; first build:"
cat "$out/sha256-1.txt"
if diff "$out/sha256-1.txt" "$out/sha256-2.txt"; then
  echo "reproducible: both builds gave byte-identical jars"
else
  echo "NOT reproducible: the jars above differ" >&2
  exit 1
fi
