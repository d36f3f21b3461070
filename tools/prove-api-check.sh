#!/usr/bin/env bash
# Proves that nn-api's API check (japicmp against nn-api/api-baseline, see docs/RELEASING.md) does its job: in a
# throw-away copy of the tree, it makes deliberate changes to nn-api, sets the version, builds nn-api with
# `mvn verify` and checks that the build passes or fails as semantic versioning says. The working tree is not
# touched. Exit status 0 when every case came out as expected. Needs a prior build's plugins in ~/.m2 (runs offline).
#   tools/prove-api-check.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

base=$(grep -m1 -A1 '<artifactId>nnj-parent</artifactId>' "$root/pom.xml" | sed -n 's|.*<version>\(.*\)</version>.*|\1|p')
baseline=$(sed -n 's|.*<nnj.api.baseline>\(.*\)</nnj.api.baseline>.*|\1|p' "$root/nn-api/pom.xml")
echo "tree version $base, API baseline nn-api-$baseline.jar"

shape=nn-api/src/main/java/org/nnj/api/tensor/Shape.java
provider=nn-api/src/main/java/org/nnj/api/spi/Provider.java

# The deliberate changes, applied to the copy.
remove_method() {   # binary and source incompatible: a public method disappears
  python3 - "$1/$shape" <<'PY'
import sys; p = sys.argv[1]; s = open(p).read()
old = "    public static Shape scalar() {\n        return SCALAR;\n    }\n"
assert old in s, "Shape.scalar() not found"; open(p, "w").write(s.replace(old, ""))
PY
}
add_interface_method() {   # source incompatible: every implementation of Provider stops compiling
  python3 - "$1/$provider" <<'PY'
import sys; p = sys.argv[1]; s = open(p).read()
old = "    String name();\n"
assert old in s, "Provider.name() not found"
open(p, "w").write(s.replace(old, old + "\n    /** The plugin's home page. */\n    String homepage();\n", 1))
PY
}
add_method() {   # compatible: a new public method
  python3 - "$1/$shape" <<'PY'
import sys; p = sys.argv[1]; s = open(p).read()
i = s.rindex("}")
open(p, "w").write(s[:i] + "\n    /** Whether this is the shape of a scalar. */\n    public boolean isScalar() {\n        return rank() == 0;\n    }\n}\n")
PY
}
none() { :; }

failures=0
run_case() {   # run_case NAME CHANGE VERSION EXPECTED(pass|fail)
  if [ -n "${ONLY:-}" ] && [[ "$1" != $ONLY ]]; then return; fi
  local name=$1 change=$2 version=$3 expected=$4 copy="$work/$1"
  mkdir -p "$copy"
  (cd "$root" && tar --exclude=./.git --exclude='*/target' --exclude=./target -cf - .) | (cd "$copy" && tar -xf -)
  "$change" "$copy"
  find "$copy" -name pom.xml -not -path '*/plugin-example/*' -exec sed -i "s|<version>$base</version>|<version>$version</version>|" {} +
  local got=pass
  (cd "$copy" && mvn -B -o -q -Dstyle.color=never -pl nn-api -am verify -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip \
      > "$work/$name.log" 2>&1) || got=fail
  local verdict=ok
  [ "$got" = "$expected" ] || { verdict="UNEXPECTED"; failures=$((failures + 1)); }
  printf '%-34s %-16s %-5s expected %-5s %s\n' "$name" "$version" "$got" "$expected" "$verdict"
  if [ "$got" = fail ]; then
    { grep -m1 -o 'Incompatibility detected: Requires semantic version level.*JApiMethod \[oldMethod=[^,]*, newMethod=[^,]*' "$work/$name.log"
      grep -m1 -o 'japicmp-maven-plugin.*cmp (api-compatibility) on project nn-api: [^>]*' "$work/$name.log"
      grep -m1 -o 'COMPILATION ERROR.*' "$work/$name.log"
    } | tr -s '\t ' ' ' | sed 's/^/    /' || true
  fi
}

v() { echo "$base" | sed -E "s/-SNAPSHOT$//" | awk -F. -v k="$1" '{ if (k=="major") print $1+1".0.0-SNAPSHOT"; else if (k=="minor") print $1"."$2+1".0-SNAPSHOT"; else print $1"."$2"."$3+1"-SNAPSHOT" }'; }

run_case unchanged                       none                  "$base"      pass
run_case method-removed                  remove_method         "$base"      fail
run_case method-removed-minor-bump       remove_method         "$(v minor)" fail
run_case method-removed-major-bump       remove_method         "$(v major)" pass
run_case interface-method-minor-bump     add_interface_method  "$(v minor)" fail
run_case interface-method-major-bump     add_interface_method  "$(v major)" pass
run_case method-added                    add_method            "$base"      fail
run_case method-added-patch-bump         add_method            "$(v patch)" fail
run_case method-added-minor-bump         add_method            "$(v minor)" pass

if [ "$failures" -ne 0 ]; then echo "$failures case(s) did not come out as expected" >&2; exit 1; fi
echo "all cases as expected"
