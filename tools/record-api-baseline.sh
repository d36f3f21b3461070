#!/usr/bin/env bash
# Records nn-api's API baseline from the current tree: builds nn-api and copies its jar to
# nn-api/api-baseline/nn-api-<version>.jar, <version> being the tree's version without -SNAPSHOT (or the one given),
# and points nn-api/pom.xml's nnj.api.baseline at it. japicmp (mvn verify) then compares every later build with it.
#   tools/record-api-baseline.sh          record the tree's API as its own release (1.0.0-SNAPSHOT -> 1.0.0)
#   tools/record-api-baseline.sh 1.2.0    record it under another version
# Run it when a release is made (the released jar is the baseline), or while the API of an unreleased version is
# still being written. Commit the jar and the pom change together. See docs/RELEASING.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

version="${1:-}"
if [ -z "$version" ]; then
  # The root pom's own <version>, the line after <artifactId>nnj-parent</artifactId>.
  version=$(grep -m1 -A1 '<artifactId>nnj-parent</artifactId>' pom.xml | sed -n 's|.*<version>\(.*\)</version>.*|\1|p')
  version="${version%-SNAPSHOT}"
fi
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "record-api-baseline: not a release version: '$version'" >&2; exit 1; }

# Only nn-api and the parent; no tests, no Javadoc, and no comparison with the baseline being replaced.
mvn -B -q -pl nn-api -am package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -Djapicmp.skip

jar=$(ls nn-api/target/nn-api-*.jar | grep -v -e '-sources\.jar$' -e '-javadoc\.jar$')
mkdir -p nn-api/api-baseline
rm -f nn-api/api-baseline/nn-api-*.jar
cp "$jar" "nn-api/api-baseline/nn-api-$version.jar"
sed -i "s|<nnj.api.baseline>[^<]*</nnj.api.baseline>|<nnj.api.baseline>$version</nnj.api.baseline>|" nn-api/pom.xml
echo "recorded nn-api/api-baseline/nn-api-$version.jar ($(sha256sum "nn-api/api-baseline/nn-api-$version.jar" | cut -c1-16)...) from $jar"
