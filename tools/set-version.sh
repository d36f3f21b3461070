#!/usr/bin/env bash
# Sets NNJ's version everywhere it is written: the reactor's poms (the parent's version, every module's parent
# reference, nn-bom's own version), the NNJ version the plugin example builds against, and the README; and stamps
# project.build.outputTimestamp (nnj-parent and nn-bom) with the current time, so a release's archives carry its
# own date. Review with git diff, then commit.
#   tools/set-version.sh 1.0.0             before the release build
#   tools/set-version.sh 1.1.0-SNAPSHOT    after it
set -euo pipefail
new="${1:?usage: tools/set-version.sh NEW_VERSION}"
[[ "$new" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-SNAPSHOT)?$ ]] || { echo "set-version: not a version: $new" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
old=$(grep -m1 -A1 '<artifactId>nnj-parent</artifactId>' pom.xml | sed -n 's|.*<version>\(.*\)</version>.*|\1|p')
[ -n "$old" ] || { echo "set-version: no version in pom.xml" >&2; exit 1; }
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
q=${old//./\\.}

for pom in pom.xml nn-*/pom.xml; do
  sed -i "s|<version>$q</version>|<version>$new</version>|" "$pom"
done
sed -i "s|<project.build.outputTimestamp>[^<]*<|<project.build.outputTimestamp>$stamp<|" pom.xml nn-bom/pom.xml
sed -i "s|<nnj.version>$q</nnj.version>|<nnj.version>$new</nnj.version>|" nn-examples/plugin-example/pom.xml
sed -i "s|$q|$new|g" README.md
echo "version $old -> $new, outputTimestamp $stamp"
grep -rn --include=pom.xml -e "$q" . --exclude-dir=target || true
